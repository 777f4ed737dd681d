/// What `occlusion` prints: the prediction, the image and its heat map side by side, the
/// largest drop, and with `numbers` the grid of drops (one decimal).
enum OcclusionReport {
    /// The report for `map` computed on `image` (bytes 0-255), for a console `capabilities` wide.
    static func lines(_ map: OcclusionMap, image: PixelMap, classNames: [String], numbers: Bool,
                      capabilities: TerminalCapabilities) -> [String] {
        let name = classNames.indices.contains(map.predictedClass) ? classNames[map.predictedClass] : "class \(map.predictedClass)"
        let largest = map.drops.indices.max { map.drops[$0] < map.drops[$1] } ?? 0
        let largestDrop = map.drops.isEmpty ? 0 : map.drops[largest]
        // White is the largest drop, but at least one point, so noise never looks like a finding.
        let white = max(1, largestDrop)
        let positions = map.rows * map.columns
        let text = "the model says \(name) (\(percent(map.probability))). A \(map.patch)x\(map.patch) patch of zeros "
            + "at \(positions) position\(positions == 1 ? "" : "s") (stride \(map.patch)): the brighter a patch's "
            + "place, the more hiding it lowers the probability of \(name) (white: \(format(white)) percentage "
            + "points or more; black: no drop, or a rise)."
        var output = TextLayout.wrap(text, width: capabilities.width)
        let tiles = [
            ImageRenderer.tile((ImageRenderer.lines(image, capabilities: capabilities), image.columns),
                               caption: "image", capabilities: capabilities),
            ImageRenderer.tile((ImageRenderer.lines(map.pixelMap, scale: .fixed(0...Float(white)), capabilities: capabilities),
                                map.imageColumns),
                               caption: "drop", capabilities: capabilities),
        ]
        output += TextMosaic(tiles: tiles, gap: 3).lines(width: capabilities.width)
        let row = largest / max(1, map.columns), column = largest % max(1, map.columns)
        output.append("largest drop: \(format(largestDrop)) points, the patch on rows \(span(map.pixelRows(row))), "
                      + "columns \(span(map.pixelColumns(column)))")
        if numbers {
            output.append("drops in percentage points, by the rows and columns of the image hidden:")
            output += grid(map, width: capabilities.width)
        }
        return output
    }

    /// The drops as a table: a header of column spans ("1-7"), each row led by its row span,
    /// split into bands of columns when wider than `width`.
    static func grid(_ map: OcclusionMap, width: Int) -> [String] {
        let rowLabels = (0..<map.rows).map { span(map.pixelRows($0)) }
        let columnLabels = (0..<map.columns).map { span(map.pixelColumns($0)) }
        let cells = map.drops.map(format)
        let cellWidth = (cells + columnLabels).map(\.count).max() ?? 1
        let labelWidth = rowLabels.map(\.count).max() ?? 1
        var output: [String] = []
        for band in TextLayout.columnBands(count: map.columns, fitting: (max(width, 20) - labelWidth) / (cellWidth + 2)) {
            if band.lowerBound > 0 { output.append("") }
            output.append(String(repeating: " ", count: labelWidth)
                          + band.map { "  " + TextLayout.padLeft(columnLabels[$0], cellWidth) }.joined())
            for row in 0..<map.rows {
                output.append(TextLayout.padLeft(rowLabels[row], labelWidth)
                              + band.map { "  " + TextLayout.padLeft(cells[row * map.columns + $0], cellWidth) }.joined())
            }
        }
        return output
    }

    /// Pixels `range` (0-based) numbered from 1 as the learner reads them: "1-7", or "28".
    static func span(_ range: Range<Int>) -> String {
        range.count == 1 ? "\(range.lowerBound + 1)" : "\(range.lowerBound + 1)-\(range.upperBound)"
    }

    /// A drop with one decimal, never "-0.0".
    static func format(_ value: Double) -> String { NumberGrid.format(Float(value), decimals: 1) }

    static func percent(_ probability: Double) -> String { NumberGrid.format(Float(probability * 100), decimals: 1) + "%" }
}
