/// Layout helpers shared by the `explain` renderers.
enum CellText {
    /// `values` (row-major, `columns` to a row) as right-aligned columns of 4-significant-digit
    /// numbers, two spaces apart.
    static func grid(_ values: [Double], columns: Int) -> [String] {
        let cells = values.map { SignificantDigits.format($0) }
        let width = cells.map(\.count).max() ?? 1
        return stride(from: 0, to: cells.count, by: max(1, columns)).map { start in
            cells[start..<min(cells.count, start + columns)].map { TextLayout.padLeft($0, width) }.joined(separator: "  ")
        }
    }

    /// A tile of a `TextMosaic` holding `lines` under `caption`, as wide as the wider.
    static func tile(_ lines: [String], caption: String) -> TextMosaic.Tile {
        let width = max(caption.count, lines.map(\.count).max() ?? 0)
        return TextMosaic.Tile(lines: lines.map { TextLayout.padRight($0, width) }, width: width, caption: caption)
    }

    /// Label and value lines with the values starting in one column:
    /// `("+ bias", "-0.008034")` -> "+ bias            -0.008034".
    static func ledger(_ rows: [(label: String, value: String)]) -> [String] {
        let width = rows.map(\.label.count).max() ?? 0
        return rows.map { TextLayout.padRight($0.label, width) + "  " + $0.value }
    }

    /// "rows 1-3" or "row 5" (1-based, from 0-based bounds).
    static func span(_ word: String, _ first: Int, _ count: Int) -> String {
        count == 1 ? "\(word) \(first + 1)" : "\(word)s \(first + 1)-\(first + count)"
    }

    /// `items` in columns of equal width, as many to a line as fit in `width`, indented by two.
    static func columns(_ items: [String], width: Int) -> [String] {
        let itemWidth = (items.map(\.count).max() ?? 0) + 3
        let perLine = max(1, (width - 2) / itemWidth)
        return stride(from: 0, to: items.count, by: perLine).map { start in
            var line = "  " + items[start..<min(items.count, start + perLine)].map { TextLayout.padRight($0, itemWidth) }.joined()
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
