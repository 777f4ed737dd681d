/// What the demo prints: the introduction with the image, kernel and output size, each
/// window, and the end.
extension ConvDemoState {
    /// The image with its zero padding as grid cells, `marked` optionally bracketed.
    func paddedImageLines(marking window: Int?, console: Console) -> [String] {
        let rows = image.rowCount + 2 * padding
        let columns = image.columnCount + 2 * padding
        let cells: [[ConvDemoRenderer.Cell]] = (0..<rows).map { row in
            (0..<columns).map { column in
                let (imageRow, imageColumn) = (row - padding, column - padding)
                guard (0..<image.rowCount).contains(imageRow), (0..<image.columnCount).contains(imageColumn) else { return .padding }
                return .value(image.rows[imageRow][imageColumn])
            }
        }
        let marked = window.map { index -> (rows: Range<Int>, columns: Range<Int>) in
            let (row, column) = cell(ofWindow: index)
            return (row * stride ..< row * stride + kernel.rowCount, column * stride ..< column * stride + kernel.columnCount)
        }
        return ConvDemoRenderer.grid(cells, marked: marked, console: console)
    }

    /// The introduction printed by `conv demo`.
    func introduction(console: Console) -> String {
        let width = console.capabilities.width
        var text = "conv demo: a \(kernel.rowCount)x\(kernel.columnCount) kernel slides over a \(image.rowCount)x\(image.columnCount) image,"
            + " stride \(stride), padding \(padding)\n\n"
        let explanation = "At each position the values under the kernel are multiplied by the kernel's weights,"
            + " element by element, and the products are added up: that sum is one cell of the feature map."
            + " Deep learning calls this convolution, but strictly it is cross-correlation: the kernel is"
            + " used as it is, not flipped first as mathematical convolution would do."
        text += TextLayout.wrap(explanation, width: min(width, 80) - 2).joined(separator: "\n") + "\n\n"
        let kernelTitle = "kernel \(kernel.rowCount)x\(kernel.columnCount)" + (kernelName.map { ": \($0.rawValue)" } ?? "")
        let imageTitle = "image \(image.rowCount)x\(image.columnCount)" + (padding > 0 ? " + padding \(padding)" : "")
        text += ConvDemoRenderer.layout([
            .init(title: imageTitle, lines: paddedImageLines(marking: nil, console: console)),
            .init(title: kernelTitle, lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(kernel.rows), marked: nil, console: console)),
        ], operators: [""], width: width)
        if let kernelName { text += "  (\(kernelName.explanation))\n" }
        if padding > 0 {
            let dot = console.capabilities.unicode ? "·" : "."
            let before = (1 - padding...0).map(String.init).joined(separator: ", ")
            let after = (image.rowCount + 1...image.rowCount + padding).map(String.init).joined(separator: ", ")
            text += "  \(dot) = zero padding: \(padding) ring\(padding == 1 ? "" : "s") of zeros around the image"
                + " (rows \(before) and \(after))\n"
        }
        text += "\noutput size = (IN + 2*P - K) / S + 1, rounded down\n"
        let rowsFormula = DimsCommand.formula(input: image.rowCount, kernel: kernel.rowCount, stride: stride, padding: padding)
        let columnsFormula = DimsCommand.formula(input: image.columnCount, kernel: kernel.columnCount, stride: stride, padding: padding)
        if rowsFormula == columnsFormula {
            text += "  rows and columns: \(rowsFormula)\n"
        } else {
            text += "  rows:    \(rowsFormula)\n  columns: \(columnsFormula)\n"
        }
        text += "  -> a \(outputRows)x\(outputColumns) feature map: \(windowCount) window\(windowCount == 1 ? "" : "s")"
            + (stride > 1 ? ", the kernel moving \(stride) cells at a time" : "") + "\n"
        return text
    }

    /// Window `index`: where it is, image, window, kernel and products side by side, the
    /// sum written out, and the feature map so far with this cell marked.
    func windowText(_ index: Int, console: Console) -> String {
        let (row, column) = cell(ofWindow: index)
        let firstRow = row * stride - padding + 1
        let firstColumn = column * stride - padding + 1
        var text = console.styled("window \(index + 1) of \(windowCount)", "1")
            + ": rows \(firstRow)-\(firstRow + kernel.rowCount - 1), columns \(firstColumn)-\(firstColumn + kernel.columnCount - 1)"
            + " -> feature map row \(row + 1), column \(column + 1)\n"
        let times = console.capabilities.unicode ? "×" : "*"
        text += ConvDemoRenderer.layout([
            .init(title: "image", lines: paddedImageLines(marking: index, console: console)),
            .init(title: "window", lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(windowValues(index)), marked: nil, console: console)),
            .init(title: "kernel", lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(kernel.rows), marked: nil, console: console)),
            .init(title: "products", lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(products(index)), marked: nil, console: console)),
        ], operators: ["", times, "="], width: console.capabilities.width)
        text += "\n"
        let terms = Array(products(index).joined())
        text += ConvDemoRenderer.sum(terms, total: featureMap[row][column] ?? 0, width: console.capabilities.width)
        let mapCells: [[ConvDemoRenderer.Cell]] = featureMap.map { $0.map { $0.map { .value($0) } ?? .pending } }
        let finalWidth = completeFeatureMap().joined().map { NumberFormat.decimal($0).count }.max() ?? 2
        text += "\n" + ConvDemoRenderer.layout([
            .init(title: "feature map", lines: ConvDemoRenderer.grid(mapCells, marked: (row..<row + 1, column..<column + 1),
                                                                     markStyle: "1;32", minimumWidth: max(finalWidth, 2), console: console)),
        ], operators: [], width: console.capabilities.width)
        return text
    }

    /// Printed after the last window.
    func ending() -> String {
        "The \(outputRows)x\(outputColumns) feature map is complete. Try another kernel ('conv kernel edge'),"
            + "\nyour own image ('conv image [...]') or 'conv demo stride=2 padding=1'.\n"
    }
}
