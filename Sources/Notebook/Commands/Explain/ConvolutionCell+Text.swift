/// What `explain` prints for a conv cell.
extension ConvolutionCell {
    /// How many channels are shown in full when the layer has several.
    static let channelsInFull = 3
    /// How many further channel sums are listed before the rest is summed up.
    static let channelSumsListed = 8

    /// The window, kernel slice and products of each channel shown (all of one, the
    /// largest few of many), the channel sums, the bias, the pre-activation, the activation,
    /// and the engine's value. `inputName` says what the layer's input is.
    func lines(inputName: String, featuresCommand: String, width: Int) -> [String] {
        let g = layer.geometry
        let f = { (value: Double) in SignificantDigits.format(value) }
        let rows = CellText.span("row", top, g.kernelHeight), columns = CellText.span("column", left, g.kernelWidth)
        var lines = TextLayout.wrap("Input: \(inputName), \(g.inputHeight)x\(g.inputWidth)x\(g.channels). "
            + "The \(g.kernelHeight)x\(g.kernelWidth) window of output row \(cell.row + 1), column \(cell.column + 1) "
            + "covers input \(rows), \(columns) (stride \(g.stride): output row r starts at input row "
            + "\(g.stride)(r-1)+1\(g.padTop > 0 ? "-\(g.padTop)" : ""))"
            + (touchesPadding ? "; positions outside the input are zero padding." : "."), width: width)
        let shown = channels.count == 1 ? channels : largestChannels(Self.channelsInFull)
        if channels.count > 1 {
            lines += TextLayout.wrap("\(channels.count) input channels: the window in each channel times that "
                + "channel's slice of the kernel, summed. The \(shown.count) channels that contribute most "
                + "(largest |sum|), in full:", width: width)
        }
        for channel in shown {
            lines.append("")
            let window = CellText.grid(channel.window, columns: g.kernelWidth)
            let kernel = CellText.grid(channel.kernel, columns: g.kernelWidth)
            lines += TextMosaic(tiles: [CellText.tile(window, caption: "window, channel \(channel.index + 1)"),
                                        CellText.tile(kernel, caption: "x kernel, filter \(cell.filter + 1)")],
                                gap: 4, captionsAbove: true).lines(width: width)
            let products = CellText.grid(channel.products, columns: g.kernelWidth)
            let sum = Array(repeating: "", count: g.kernelHeight / 2) + ["sum: \(f(channel.sum))"]
            lines += TextMosaic(tiles: [CellText.tile(products, caption: "= products"), CellText.tile(sum, caption: "")],
                                gap: 4, captionsAbove: true).lines(width: width)
        }
        lines.append("")
        if channels.count > 1 {
            let rest = largestChannels(channels.count).dropFirst(shown.count)
            let listed = rest.prefix(Self.channelSumsListed)
            if !listed.isEmpty {
                lines.append("the next channel sums, largest |sum| first:")
                lines += CellText.columns(listed.map { "ch\($0.index + 1) \(SignificantDigits.signed($0.sum))" }, width: width)
            }
            let remaining = rest.dropFirst(listed.count)
            if !remaining.isEmpty {
                lines.append("the other \(remaining.count) channels together: \(SignificantDigits.signed(remaining.reduce(0) { $0 + $1.sum }))")
            }
        }
        let what = channels.count == 1 ? "sum of products" : "sum over all \(channels.count) channels"
        var ledger: [(label: String, value: String)] = [
            (what, f(total)),
            ("+ bias", f(bias)),
            ("= pre-activation", f(preActivation)),
        ]
        if layer.activation == .relu {
            let clipped = preActivation < 0 ? " (negative: clipped to 0)" : " (positive: kept)"
            ledger.append(("ReLU: max(0, \(f(preActivation)))", f(activation) + clipped))
        }
        lines += CellText.ledger(ledger)
        lines += TextLayout.wrap("The engine computed \(f(engineValue)) for this cell: what '\(featuresCommand)' "
            + "draws for filter \(cell.filter + 1) at row \(cell.row + 1), column \(cell.column + 1).", width: width)
        return lines
    }
}
