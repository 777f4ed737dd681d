/// One window of the demo as text: per channel the image with the window bracketed, the
/// values under the kernel, the kernel slice and the products with their sum; then the sum
/// over channels, the bias and ReLU; then the feature map so far.
extension ConvDemoState {
    /// Window `index` (see the extension's discussion).
    func windowText(_ index: Int, console: Console) -> String {
        let (row, column) = cell(ofWindow: index)
        let (firstRow, firstColumn) = tap(0, 0, ofWindow: index)
        let (lastRow, lastColumn) = tap(kernel.rowCount - 1, kernel.columnCount - 1, ofWindow: index)
        // 1-based image coordinates: padding rows above the image are 0, -1, ...
        let rows = Self.range(firstRow - padding.top + 1, lastRow - padding.top + 1)
        let columns = Self.range(firstColumn - padding.left + 1, lastColumn - padding.left + 1)
        var text = console.styled("window \(index + 1) of \(windowCount)", "1")
            + ": rows \(rows), columns \(columns)"
            + " -> feature map row \(row + 1), column \(column + 1)\n"
        let width = console.capabilities.width
        var sums: [Double] = []
        for channel in 0..<channels {
            if channels > 1 { text += (channel == 0 ? "" : "\n") + console.styled("channel \(channel + 1)", "1") + "\n" }
            text += channelBlocks(index, channel: channel, console: console)
            let sum = channelSum(index, channel: channel)
            sums.append(sum)
            text += "\n" + ConvDemoRenderer.sum(Array(products(index, channel: channel).joined()), total: sum, width: width,
                                                label: channels > 1 ? "channel \(channel + 1) sum:" : "sum:")
        }
        if channels > 1 {
            text += "\n" + ConvDemoRenderer.sum(sums, total: sums.reduce(0, +), width: width, label: "sum over channels:")
        }
        let preActivation = preActivation(index)
        if bias != 0 || relu {
            text += ConvDemoRenderer.sum([sums.reduce(0, +), bias], total: preActivation, width: width, label: "+ bias:")
        }
        if relu { text += reluLine(preActivation, console: console) }
        text += "\n" + mapsText(marking: (row, column), console: console)
        return text
    }

    /// "1-3", or "-1 to 1" when the first is negative (a padding row above the image).
    static func range(_ first: Int, _ last: Int) -> String {
        first < 0 ? "\(first) to \(last)" : "\(first)-\(last)"
    }

    /// The image (window bracketed), the window, the kernel slice and the products of `channel`.
    private func channelBlocks(_ index: Int, channel: Int, console: Console) -> String {
        let times = console.capabilities.unicode ? "×" : "*"
        let suffix = channels > 1 ? " (ch \(channel + 1))" : ""
        return ConvDemoRenderer.layout([
            .init(title: "image" + suffix, lines: paddedImageLines(channel: channel, marking: index, console: console)),
            .init(title: "window", lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(windowValues(index, channel: channel)),
                                                                marked: nil, console: console)),
            .init(title: "kernel" + suffix, lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(kernels[channel].rows),
                                                                         marked: nil, console: console)),
            .init(title: "products", lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(products(index, channel: channel)),
                                                                  marked: nil, console: console)),
        ], operators: ["", times, "="], width: console.capabilities.width)
    }

    /// "ReLU: max(0, 4) = 4", or for a negative value "ReLU: max(0, -2) = 0  negative: clipped to 0".
    private func reluLine(_ value: Double, console: Console) -> String {
        let shown = NumberFormat.decimal(value)
        guard value < 0 else { return "  ReLU: max(0, \(shown)) = \(shown)\n" }
        return "  ReLU: max(0, \(shown)) = 0   " + console.styled("negative: clipped to 0", "1;31") + "\n"
    }

    /// The feature map so far with cell `marked` bracketed; with ReLU, the values before it
    /// beside it, so the clipped cells show.
    private func mapsText(marking marked: (row: Int, column: Int), console: Console) -> String {
        let shown = nextWindow
        let finalWidth = (0..<windowCount).flatMap { [NumberFormat.decimal(output($0)).count,
                                                      NumberFormat.decimal(preActivation($0)).count] }.max() ?? 2
        func grid(_ value: (Int) -> Double) -> [String] {
            let cells: [[ConvDemoRenderer.Cell]] = (0..<outputRows).map { row in
                (0..<outputColumns).map { column in
                    let window = row * outputColumns + column
                    return window < shown ? .value(value(window)) : .pending
                }
            }
            return ConvDemoRenderer.grid(cells, marked: (marked.row..<marked.row + 1, marked.column..<marked.column + 1),
                                         markStyle: "1;32", minimumWidth: max(finalWidth, 2), console: console)
        }
        guard relu else {
            let title = bias != 0 ? "feature map (sum + bias)" : "feature map"
            return ConvDemoRenderer.layout([.init(title: title, lines: grid(output))], operators: [],
                                           width: console.capabilities.width)
        }
        return ConvDemoRenderer.layout([
            .init(title: "before ReLU", lines: grid(preActivation)),
            .init(title: "feature map (after ReLU)", lines: grid(output)),
        ], operators: ["->"], width: console.capabilities.width)
    }
}
