/// What `pool demo` prints: the introduction with the output-size formula and the rows the
/// floor drops, each window with the value it keeps, and the end.
extension PoolDemoState {
    private var what: String { mode == .max ? "max" : "average" }

    /// The introduction printed by `pool demo`.
    func introduction(channels: Int, console: Console) -> String {
        let width = console.capabilities.width
        var text = "pool demo: \(what) pooling, \(size)x\(size) windows, stride \(stride), over the demo's"
            + " \(image.rowCount)x\(image.columnCount) image" + (channels > 1 ? " (channel 1 of \(channels))" : "") + "\n\n"
        var explanation = "Pooling has no weights. Each \(size)x\(size) window of the image is replaced by "
            + (mode == .max ? "its largest value: the strongest response in that patch survives, wherever in the patch it was."
                : "the mean of its \(size * size) values.")
        explanation += stride == size
            ? " With the stride equal to the window size the windows tile the image without overlapping,"
                + " so each side shrinks by a factor of \(size)."
            : " The windows move \(stride) cell\(stride == 1 ? "" : "s") at a time" + (stride < size ? ", so they overlap." : ".")
        explanation += " Keras's \(mode == .max ? "MaxPooling2D" : "AveragePooling2D")(pool_size=\(size)"
            + (stride == size ? "" : ", strides=\(stride)") + ") does this, one channel at a time."
        text += TextLayout.wrap(explanation, width: min(width, 80) - 2).joined(separator: "\n") + "\n\n"
        text += ConvDemoRenderer.layout([
            .init(title: "image \(image.rowCount)x\(image.columnCount)",
                  lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(image.rows), marked: nil, console: console)),
        ], operators: [], width: width)
        text += "\noutput size = (IN - P) / S + 1, rounded down (P = the window size, no padding)\n"
        let rows = DimsCommand.formula(input: image.rowCount, kernel: size, stride: stride, padding: 0)
        let columns = DimsCommand.formula(input: image.columnCount, kernel: size, stride: stride, padding: 0)
        text += rows == columns ? "  rows and columns: \(rows)\n" : "  rows:    \(rows)\n  columns: \(columns)\n"
        text += "  -> a \(outputRows)x\(outputColumns) pooled map: \(windowCount) window\(windowCount == 1 ? "" : "s")\n"
        let droppedRows = dropped(vertical: true), droppedColumns = dropped(vertical: false)
        if !droppedRows.isEmpty || !droppedColumns.isEmpty {
            var parts: [String] = []
            if !droppedRows.isEmpty { parts.append("row\(droppedRows.count == 1 ? "" : "s") \(ConvolutionArithmetic.describe(droppedRows))") }
            if !droppedColumns.isEmpty {
                parts.append("column\(droppedColumns.count == 1 ? "" : "s") \(ConvolutionArithmetic.describe(droppedColumns))")
            }
            let sentence = "The division is not exact, and rounding down drops what is left over: image "
                + parts.joined(separator: " and ") + " fall\(droppedRows.count + droppedColumns.count == 1 ? "s" : "")"
                + " in no window and never reach the pooled map."
            text += TextLayout.wrap(sentence, width: min(width, 80) - 2).map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// Window `index`: the image with the window bracketed, the window with the kept value
    /// bracketed (max), the arithmetic, and the pooled map so far.
    func windowText(_ index: Int, console: Console) -> String {
        let (row, column) = cell(ofWindow: index)
        let (top, left) = (row * stride, column * stride)
        var text = console.styled("window \(index + 1) of \(windowCount)", "1")
            + ": rows \(top + 1)-\(top + size), columns \(left + 1)-\(left + size)"
            + " -> pooled row \(row + 1), column \(column + 1)\n"
        let kept = maximumPosition(index)
        let windowLines = mode == .max
            ? ConvDemoRenderer.grid(ConvDemoRenderer.cells(windowValues(index)), marked: (kept.row..<kept.row + 1, kept.column..<kept.column + 1),
                                    console: console)
            : ConvDemoRenderer.grid(ConvDemoRenderer.cells(windowValues(index)), marked: nil, console: console)
        text += ConvDemoRenderer.layout([
            .init(title: "image", lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(image.rows),
                                                               marked: (top..<top + size, left..<left + size), console: console)),
            .init(title: "window", lines: windowLines),
        ], operators: [""], width: console.capabilities.width)
        text += "\n" + arithmetic(index, width: console.capabilities.width)
        let finalWidth = completeMap().joined().map { NumberFormat.decimal($0).count }.max() ?? 2
        let cells: [[ConvDemoRenderer.Cell]] = pooled.map { $0.map { $0.map { .value($0) } ?? .pending } }
        text += "\n" + ConvDemoRenderer.layout([
            .init(title: "pooled map", lines: ConvDemoRenderer.grid(cells, marked: (row..<row + 1, column..<column + 1),
                                                                    markStyle: "1;32", minimumWidth: max(finalWidth, 2),
                                                                    console: console)),
        ], operators: [], width: console.capabilities.width)
        return text
    }

    /// "max(1, 2, 5, 6) = 6 (kept)" or "mean: (1 + 2 + 5 + 6) / 4 = 14 / 4 = 3.5", wrapped.
    private func arithmetic(_ index: Int, width: Int) -> String {
        let values = Array(windowValues(index).joined())
        let result = NumberFormat.decimal(value(index))
        let line: String
        switch mode {
        case .max:
            line = "max(" + values.map { NumberFormat.decimal($0) }.joined(separator: ", ") + ") = \(result): kept, the other"
                + " \(values.count - 1) dropped"
        case .average:
            let total = values.reduce(0, +)
            let sum = values.enumerated().map { index, value in
                index == 0 ? NumberFormat.decimal(value)
                    : (value < 0 ? "- " : "+ ") + NumberFormat.decimal(value.magnitude)
            }.joined(separator: " ")
            line = "mean: (\(sum)) / \(values.count) = \(NumberFormat.decimal(total)) / \(values.count) = \(result)"
        }
        return TextLayout.wrap(line, width: min(width, 80) - 2).map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    /// Printed after the last window.
    func ending(width: Int) -> String {
        let values = completeMap().map { $0.map { NumberFormat.decimal($0) }.joined(separator: " ") }.joined(separator: "; ")
        let text = "The \(outputRows)x\(outputColumns) pooled map is complete: [\(values)]."
            + " Try 'pool demo average', or a stride smaller than the window ('pool demo size=2 stride=1')."
        return TextLayout.wrap(text, width: min(width, 80)).joined(separator: "\n") + "\n"
    }
}
