/// Draws the convolution demo as text: grids of numbers with a marked window, blocks side
/// by side (stacked when the console is too narrow), the sum written out.
///
/// Plain output marks the window with `[ ]` and zero padding with `.`; with colour the
/// window is also highlighted, and with Unicode padding is drawn as `·`.
enum ConvDemoRenderer {
    enum Cell {
        case value(Double)
        case padding
        case pending
    }

    /// Lines under a title, laid out as one column of a row of blocks.
    struct Block {
        var title: String
        var lines: [String]
    }

    /// A grid with the cells in `marked` (row and column ranges) bracketed and highlighted
    /// with `markStyle`. Every cell is at least `minimumWidth` characters wide.
    static func grid(_ cells: [[Cell]], marked: (rows: Range<Int>, columns: Range<Int>)?, markStyle: String = "1;33",
                     minimumWidth: Int = 2, console: Console) -> [String] {
        grid(cells, marking: { row, column in
            guard let marked else { return false }
            return marked.rows.contains(row) && marked.columns.contains(column)
        }, markStyle: markStyle, minimumWidth: minimumWidth, console: console)
    }

    /// A grid with every cell for which `isMarked(row, column)` holds highlighted with
    /// `markStyle`, and each run of marked cells in a row bracketed: `[3  1] 0 [2]` (a dilated
    /// kernel's taps are bracketed one by one). Every cell is at least `minimumWidth` wide.
    static func grid(_ cells: [[Cell]], marking isMarked: (Int, Int) -> Bool, markStyle: String = "1;33",
                     minimumWidth: Int = 2, console: Console) -> [String] {
        let texts = cells.map { $0.map { text(of: $0, console: console) } }
        let width = max(texts.joined().map(\.count).max() ?? 1, minimumWidth)
        return cells.indices.map { row in
            var line = ""
            var previousMarked = false
            for column in cells[row].indices {
                let marked = isMarked(row, column)
                line += marked && !previousMarked ? "[" : (previousMarked && !marked ? "]" : " ")
                let cellText = TextLayout.padLeft(texts[row][column], width)
                switch cells[row][column] {
                case _ where marked: line += console.styled(cellText, markStyle)
                case .padding, .pending: line += console.styled(cellText, "2")
                case .value: line += cellText
                }
                previousMarked = marked
            }
            line += previousMarked ? "]" : " "
            return line
        }
    }

    static func text(of cell: Cell, console: Console) -> String {
        switch cell {
        case .value(let value): NumberFormat.decimal(value)
        case .padding: console.capabilities.unicode ? "·" : "."
        case .pending: console.capabilities.unicode ? "·" : "."
        }
    }

    static func cells(_ matrix: [[Double]]) -> [[Cell]] {
        matrix.map { $0.map { .value($0) } }
    }

    /// `blocks` side by side with `operators[i]` between block i and i+1 on the middle line of
    /// the shortest block, or one under another when that would be wider than `width`.
    static func layout(_ blocks: [Block], operators: [String], width: Int) -> String {
        let widths = blocks.map { block in ([block.title] + block.lines).map { TextLayout.visibleCount($0) }.max() ?? 0 }
        let gaps = operators.map { $0.isEmpty ? 4 : 4 + $0.count }
        let total = widths.reduce(0, +) + gaps.prefix(max(blocks.count - 1, 0)).reduce(0, +) + 2
        guard total <= width else {
            return blocks.map { block in
                ([block.title] + block.lines).map { "  " + $0 }.joined(separator: "\n")
            }.joined(separator: "\n\n") + "\n"
        }
        let height = blocks.map { $0.lines.count }.max() ?? 0
        let operatorLine = 1 + ((blocks.map { $0.lines.count }.min() ?? 1) - 1) / 2
        var text = ""
        for lineIndex in 0...height {
            var line = "  "
            for (index, block) in blocks.enumerated() {
                let cell = lineIndex == 0 ? block.title : (lineIndex - 1 < block.lines.count ? block.lines[lineIndex - 1] : "")
                line += cell + String(repeating: " ", count: widths[index] - TextLayout.visibleCount(cell))
                if index < operators.count, index < blocks.count - 1 {
                    let symbol = operators[index]
                    line += symbol.isEmpty ? "    " : (lineIndex == operatorLine ? "  \(symbol)  " : String(repeating: " ", count: gaps[index]))
                }
            }
            text += String(line.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
        }
        return text
    }

    /// The sum of `terms` written out after `label`, "  sum: 3 + 0 - 2 = 1", wrapped to
    /// `width` columns with continuation lines indented one past the label.
    static func sum(_ terms: [Double], total: Double, width: Int, label: String = "sum:") -> String {
        var pieces: [String] = []
        for (index, term) in terms.enumerated() {
            let magnitude = NumberFormat.decimal(term.magnitude)
            if index == 0 {
                pieces.append(term < 0 && NumberFormat.decimal(term) != "0" ? "-" + magnitude : magnitude)
            } else {
                pieces.append((term < 0 && magnitude != "0" ? "- " : "+ ") + magnitude)
            }
        }
        pieces.append("= " + NumberFormat.decimal(total))
        var lines: [String] = []
        let head = "  " + label
        var current = head
        for piece in pieces {
            if current.count + 1 + piece.count > width, current.count > head.count + 2 {
                lines.append(current)
                current = String(repeating: " ", count: head.count + 1)
            }
            current += " " + piece
        }
        lines.append(current)
        return lines.joined(separator: "\n") + "\n"
    }
}
