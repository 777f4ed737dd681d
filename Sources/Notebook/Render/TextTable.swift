/// A simple table: a header, a rule, the rows, and optional footer rows under a second rule.
///
///     class          accuracy  correct
///     -----------------------------------
///     T-shirt/top       0.853   853/1000
///
/// Columns are as wide as their widest cell and separated by two spaces; each column is
/// aligned left or right. Rules are `-` in ASCII and `─` in Unicode; with colour the header
/// is bold. Cells must not contain escape sequences (their width is their character count).
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    public var footer: [[String]]
    /// Spaces before every line.
    public var indent: Int

    /// Every row (and footer row) must have one cell per column.
    public init(columns: [Column], rows: [[String]], footer: [[String]] = [], indent: Int = 0) {
        precondition((rows + footer).allSatisfy { $0.count == columns.count },
                     "TextTable: every row needs \(columns.count) cells")
        self.columns = columns
        self.rows = rows
        self.footer = footer
        self.indent = indent
    }

    /// The table as lines of text (no newlines, no trailing spaces).
    public func lines(capabilities: TerminalCapabilities) -> [String] {
        let widths = columns.indices.map { index in
            ([columns[index].title] + (rows + footer).map { $0[index] }).map(\.count).max() ?? 0
        }
        let margin = String(repeating: " ", count: indent)
        func format(_ cells: [String]) -> String {
            let padded = cells.indices.map { index -> String in
                let space = String(repeating: " ", count: widths[index] - cells[index].count)
                return columns[index].alignment == .left ? cells[index] + space : space + cells[index]
            }
            var line = margin + padded.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
        let ruleWidth = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        let rule = margin + String(repeating: capabilities.unicode ? "─" : "-", count: ruleWidth)
        var header = format(columns.map(\.title))
        if capabilities.color != .none {
            header = margin + "\u{1B}[1m" + header.dropFirst(indent) + "\u{1B}[0m"
        }
        var output = [header, rule] + rows.map(format)
        if !footer.isEmpty { output += [rule] + footer.map(format) }
        return output
    }

    /// The table as one string, each line ended by a newline.
    public func render(capabilities: TerminalCapabilities) -> String {
        lines(capabilities: capabilities).map { $0 + "\n" }.joined()
    }
}
