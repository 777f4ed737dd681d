import Foundation

/// Draws a `PixelMap` as its numbers: right-aligned columns of equal width.
///
/// For kernels and feature maps (signed, with decimals) and for `show INDEX numbers`
/// (bytes, `decimals: 0`). With `indices`, row numbers run down the left and column
/// numbers across the top; a grid wider than the console is split into bands of columns,
/// one under the other, so nothing wraps. With `brackets` (and no indices) the grid is
/// set in matrix brackets: `⎡ ⎤` ... `⎣ ⎦` in Unicode, `[ ]` on every row in ASCII.
public enum NumberGrid {
    /// `value` with `decimals` digits after the point; never "-0".
    public static func format(_ value: Float, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let text = String(format: "%.\(max(0, decimals))f", Double(value))
        let isNegativeZero = text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
        return isNegativeZero ? String(text.dropFirst()) : text
    }

    /// The grid as lines of text (no newlines).
    public static func lines(_ map: PixelMap, decimals: Int, indices: Bool = false, brackets: Bool = false,
                             capabilities: TerminalCapabilities) -> [String] {
        let cells = map.values.map { format($0, decimals: decimals) }
        var cellWidth = cells.map(\.count).max() ?? 1
        if indices { cellWidth = max(cellWidth, String(map.columns - 1).count) }
        let labelWidth = indices ? String(map.rows - 1).count : 0
        func cell(_ row: Int, _ column: Int) -> String {
            pad(cells[row * map.columns + column], to: cellWidth)
        }

        guard indices else {
            let unicode = capabilities.unicode
            return (0..<map.rows).map { row in
                let body = (0..<map.columns).map { cell(row, $0) }.joined(separator: " ")
                guard brackets else { return body }
                let (left, right) = bracketPair(row: row, rows: map.rows, unicode: unicode)
                return "\(left) \(body) \(right)"
            }
        }

        // Columns per band: label, then " " + cell for each column, within the console width.
        let fitting = (max(capabilities.width, 20) - labelWidth - 1) / (cellWidth + 1)
        var output: [String] = []
        for bandColumns in TextLayout.columnBands(count: map.columns, fitting: fitting) {
            if bandColumns.lowerBound > 0 { output.append("") }
            let header = bandColumns.map { pad(String($0), to: cellWidth) }.joined(separator: " ")
            output.append(String(repeating: " ", count: labelWidth) + " " + header)
            for row in 0..<map.rows {
                let body = bandColumns.map { cell(row, $0) }.joined(separator: " ")
                output.append(pad(String(row), to: labelWidth) + " " + body)
            }
        }
        return output
    }

    private static func bracketPair(row: Int, rows: Int, unicode: Bool) -> (String, String) {
        guard unicode, rows > 1 else { return ("[", "]") }
        if row == 0 { return ("⎡", "⎤") }
        if row == rows - 1 { return ("⎣", "⎦") }
        return ("⎢", "⎥")
    }

    private static func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
