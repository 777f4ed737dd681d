/// What the demo prints before the first window and after the last: the settings, the
/// image and kernel per channel, the padding per side, the output size and the cells no
/// window visits.
extension ConvDemoState {
    /// The image's `channel` with its zero padding as grid cells; the taps of `window`, if
    /// given, bracketed.
    func paddedImageLines(channel: Int = 0, marking window: Int?, console: Console) -> [String] {
        let cells: [[ConvDemoRenderer.Cell]] = (0..<paddedRows).map { row in
            (0..<paddedColumns).map { column in
                let (imageRow, imageColumn) = (row - padding.top, column - padding.left)
                guard (0..<image.rowCount).contains(imageRow), (0..<image.columnCount).contains(imageColumn) else { return .padding }
                return .value(images[channel].rows[imageRow][imageColumn])
            }
        }
        guard let window else { return ConvDemoRenderer.grid(cells, marked: nil, console: console) }
        let (row, column) = cell(ofWindow: window)
        return ConvDemoRenderer.grid(cells, marking: { r, c in
            let (i, j) = (r - row * stride, c - column * stride)
            return i >= 0 && j >= 0 && i % dilation == 0 && j % dilation == 0
                && i / dilation < kernel.rowCount && j / dilation < kernel.columnCount
        }, console: console)
    }

    /// The first line: what slides over what, and the settings.
    func headline() -> String {
        let kernelShape = "\(kernel.rowCount)x\(kernel.columnCount)"
        let imageShape = "\(image.rowCount)x\(image.columnCount)"
        var text = channels == 1
            ? "conv demo: a \(kernelShape) kernel slides over a \(imageShape) image,"
            : "conv demo: a \(kernelShape) kernel with \(channels) channels slides over a \(imageShape) image with \(channels) channels,"
        text += " stride \(stride), padding " + paddingSummary()
        if dilation > 1 { text += ", dilation \(dilation)" }
        if bias != 0 || relu { text += ", bias \(NumberFormat.decimal(bias))" }
        if relu { text += ", then ReLU" }
        return text
    }

    /// "1", or "'same'" (the sides follow under the image).
    private func paddingSummary() -> String {
        paddingChoice == .same ? "'same'" : "\(padding.top)"
    }

    /// The introduction printed by `conv demo`.
    func introduction(console: Console) -> String {
        let width = console.capabilities.width
        let wrapWidth = min(width, 80) - 2
        var text = TextLayout.wrap(headline(), width: min(width, 80)).joined(separator: "\n") + "\n\n"
        var explanation = "At each position the values under the kernel are multiplied by the kernel's weights,"
            + " element by element, and the products are added up: that sum is one cell of the feature map."
        if channels > 1 {
            explanation += " The kernel has one slice per channel: each slice is laid on its own channel of the image,"
                + " and the \(channels) channels' sums are added into one number."
        }
        if bias != 0 || relu { explanation += " Then the bias is added, once per window." }
        if relu { explanation += " ReLU keeps a positive value and replaces a negative one by 0." }
        explanation += " Deep learning calls this convolution, but strictly it is cross-correlation: the kernel is"
            + " used as it is, not rotated by 180 degrees first (flipped top to bottom and left to right) as"
            + " mathematical convolution would do."
        text += TextLayout.wrap(explanation, width: wrapWidth).joined(separator: "\n") + "\n\n"
        text += matricesText(console: console)
        text += paddingText(console: console)
        text += sizeText()
        text += coverageText(console: console)
        return text
    }

    /// The image and kernel of every channel, side by side (with the visit counts when some
    /// cells are skipped or the stride is more than 1).
    private func matricesText(console: Console) -> String {
        let width = console.capabilities.width
        var text = ""
        for channel in 0..<channels {
            let suffix = channels > 1 ? " (ch \(channel + 1))" : ""
            let name = kernelNames[channel].map { ": \($0.rawValue)" } ?? ""
            let kernelTitle = "kernel \(kernel.rowCount)x\(kernel.columnCount)\(suffix)" + name
            let paddingNote = padding.isZero ? "" : " + padding" + (padding.isUniform ? " \(padding.top)" : "")
            let imageTitle = "image \(image.rowCount)x\(image.columnCount)\(suffix)" + paddingNote
            text += ConvDemoRenderer.layout([
                .init(title: imageTitle, lines: paddedImageLines(channel: channel, marking: nil, console: console)),
                .init(title: kernelTitle, lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(kernels[channel].rows),
                                                                       marked: nil, console: console)),
            ], operators: [""], width: width)
            if let named = kernelNames[channel] { text += "  (\(named.explanation))\n" }
        }
        return text
    }

    /// Where the zeros are, per side, and why.
    private func paddingText(console: Console) -> String {
        guard !padding.isZero else { return "" }
        let dot = console.capabilities.unicode ? "·" : "."
        if paddingChoice != .same {
            let count = padding.top
            let before = (1 - count...0).map(String.init).joined(separator: ", ")
            let after = (image.rowCount + 1...image.rowCount + count).map(String.init).joined(separator: ", ")
            return "  \(dot) = zero padding: \(count) ring\(count == 1 ? "" : "s") of zeros around the image"
                + " (rows \(before) and \(after))\n"
        }
        let sentence = "\(dot) = zero padding as Keras's padding='same' adds it: the output is ceil(IN / S),"
            + " which takes (ceil(IN/S) - 1)*S + K - IN zeros in all; the smaller half goes at the top and left,"
            + " the rest at the bottom and right."
        let rows = Self.sameSplit(input: image.rowCount, span: spanRows, stride: stride, before: padding.top,
                                  after: padding.bottom, axis: ("rows", "at the top", "at the bottom"))
        let columns = Self.sameSplit(input: image.columnCount, span: spanColumns, stride: stride, before: padding.left,
                                     after: padding.right, axis: ("columns", "on the left", "on the right"))
        var text = TextLayout.wrap(sentence, width: min(console.capabilities.width, 80) - 2).map { "  " + $0 }
            .joined(separator: "\n") + "\n"
        text += "    " + rows + "\n    " + columns + "\n"
        if padding.top != padding.bottom || padding.left != padding.right {
            text += "  Uneven: the odd zero goes at the bottom and right, as in Keras and TensorFlow.\n"
        }
        return text
    }

    /// "rows: (ceil(6/2) - 1)*2 + 3 - 6 = 1 -> 0 at the top, 1 at the bottom".
    static func sameSplit(input: Int, span: Int, stride: Int, before: Int, after: Int,
                          axis: (name: String, before: String, after: String)) -> String {
        let output = ConvolutionArithmetic.sameOutputSize(input: input, stride: stride)
        let raw = (output - 1) * stride + span - input
        return "\(axis.name): (ceil(\(input)/\(stride)) - 1)*\(stride) + \(span) - \(input) = \(raw)"
            + (raw < 0 ? ", so none" : "") + " -> \(before) \(axis.before), \(after) \(axis.after)"
    }

    /// The output size formula, worked for rows and columns.
    private func sizeText() -> String {
        var text = "\noutput size = (IN + " + (padding.isUniform ? "2*P" : "top + bottom") + " - K) / S + 1, rounded down\n"
        if dilation > 1 {
            text += "  K is the dilated span: D*(K-1) + 1 = \(dilation)*(\(kernel.rowCount)-1) + 1 = \(spanRows)"
                + (spanRows == spanColumns ? "" : " rows, \(spanColumns) columns") + "\n"
        }
        let rowsFormula = Self.formula(input: image.rowCount, before: padding.top, after: padding.bottom, span: spanRows, stride: stride)
        let columnsFormula = Self.formula(input: image.columnCount, before: padding.left, after: padding.right, span: spanColumns,
                                          stride: stride)
        if rowsFormula == columnsFormula {
            text += "  rows and columns: \(rowsFormula)\n"
        } else {
            text += "  rows:    \(rowsFormula)\n  columns: \(columnsFormula)\n"
        }
        text += "  -> a \(outputRows)x\(outputColumns) feature map: \(windowCount) window\(windowCount == 1 ? "" : "s")"
            + (stride > 1 ? ", the kernel moving \(stride) cells at a time" : "") + "\n"
        return text
    }

    /// "(5 + 2*1 - 3) / 2 + 1 = 2 + 1 = 3", or with uneven padding "(6 + 0 + 1 - 3) / 2 + 1 = ...".
    static func formula(input: Int, before: Int, after: Int, span: Int, stride: Int) -> String {
        let numerator = input + before + after - span
        let quotient = numerator % stride == 0 ? "\(numerator / stride)" : "floor(\(NumberFormat.quotient(numerator, stride)))"
        let paddingTerm = before == after ? (before > 0 ? " + 2*\(before)" : "") : " + \(before) + \(after)"
        return "(\(input)\(paddingTerm) - \(span)) / \(stride) + 1 = \(quotient) + 1 = \(numerator / stride + 1)"
    }

    /// With a stride above 1, a dilation, or cells no window reads: how many windows read
    /// each cell, and which rows and columns are never visited.
    private func coverageText(console: Console) -> String {
        let missedRows = unvisited(vertical: true)
        let missedColumns = unvisited(vertical: false)
        guard stride > 1 || dilation > 1 || !missedRows.isEmpty || !missedColumns.isEmpty else { return "" }
        var counts = Array(repeating: Array(repeating: 0, count: paddedColumns), count: paddedRows)
        for window in 0..<windowCount {
            for i in 0..<kernel.rowCount {
                for j in 0..<kernel.columnCount {
                    let (row, column) = tap(i, j, ofWindow: window)
                    counts[row][column] += 1
                }
            }
        }
        let cells: [[ConvDemoRenderer.Cell]] = counts.indices.map { row in
            counts[row].indices.map { column in
                let inside = (padding.top..<padding.top + image.rowCount).contains(row)
                    && (padding.left..<padding.left + image.columnCount).contains(column)
                return inside ? .value(Double(counts[row][column])) : .padding
            }
        }
        var text = "\n" + ConvDemoRenderer.layout([
            .init(title: "windows reading each cell", lines: ConvDemoRenderer.grid(cells, marking: { row, column in
                if case .value(0) = cells[row][column] { return true }
                return false
            }, markStyle: "1;31", console: console)),
        ], operators: [], width: console.capabilities.width)
        if missedRows.isEmpty && missedColumns.isEmpty {
            text += "  Every cell of the image is read by at least one window.\n"
        } else {
            var parts: [String] = []
            if !missedRows.isEmpty { parts.append("row\(missedRows.count == 1 ? "" : "s") \(ConvolutionArithmetic.describe(missedRows))") }
            if !missedColumns.isEmpty {
                parts.append("column\(missedColumns.count == 1 ? "" : "s") \(ConvolutionArithmetic.describe(missedColumns))")
            }
            let sentence = "Never visited (0, bracketed): image " + parts.joined(separator: " and ")
                + ". The last window stops before the border: another step of \(stride) would run off the"
                + " \(padding.isZero ? "image" : "padded image"), so these values never reach the feature map."
            text += TextLayout.wrap(sentence, width: min(console.capabilities.width, 80) - 2).map { "  " + $0 }
                .joined(separator: "\n") + "\n"
        }
        return text
    }

    /// Printed after the last window, wrapped to `width`.
    func ending(width: Int = 80) -> String {
        var text = "The \(outputRows)x\(outputColumns) feature map is complete."
        if relu {
            let clipped = (0..<windowCount).filter { preActivation($0) < 0 }.count
            text += " ReLU clipped \(clipped) of its \(windowCount) cells to 0."
        }
        let missed = unvisited(vertical: true).count + unvisited(vertical: false).count
        if missed > 0 { text += " The rows and columns never visited did not count at all." }
        text += " Try another kernel ('conv kernel edge'), your own image ('conv image [...]') or"
            + " 'conv demo stride=2 padding=1'."
        return TextLayout.wrap(text, width: min(width, 80)).joined(separator: "\n") + "\n"
    }
}
