import Foundation

/// Plain-text layout helpers for output that must fit the console's width.
public enum TextLayout {
    /// `paragraph` broken at spaces into lines of at most `width` visible characters (a longer
    /// single word gets a line of its own; colour escapes take no room). Runs of spaces
    /// collapse to one.
    public static func wrap(_ paragraph: String, width: Int) -> [String] {
        wrap(paragraph, firstWidth: width, width: width)
    }

    /// `wrap` with a first line of `firstWidth` columns and the rest of `width`.
    static func wrap(_ paragraph: String, firstWidth: Int, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in paragraph.split(separator: " ") {
            let wordWidth = visibleCount(word)
            if current.isEmpty {
                current = String(word)
                currentWidth = wordWidth
            } else if currentWidth + 1 + wordWidth <= (lines.isEmpty ? firstWidth : width) {
                current += " " + word
                currentWidth += 1 + wordWidth
            } else {
                lines.append(current)
                current = String(word)
                currentWidth = wordWidth
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `text` laid out for a console `width` columns wide: every line longer than `width` is
    /// wrapped at spaces (continuation lines indented by `hangingIndent`), except lines laid
    /// out by their writer (`isLaidOut`: tables, pictures, aligned columns), which stay as
    /// they are. The one layout rule for everything `Console.line` and `Console.message` write.
    public static func fit(_ text: String, width: Int, hangingIndent: Int = 0) -> [String] {
        let width = max(width, 20)
        let indent = String(repeating: " ", count: max(0, min(hangingIndent, width / 2)))
        var lines: [String] = []
        for line in text.components(separatedBy: "\n") {
            guard visibleCount(line) > width else {
                lines.append(line)
                continue
            }
            if isLaidOut(line) {
                lines += fitLaidOut(line, width: width)
                continue
            }
            for (index, wrapped) in wrap(line, firstWidth: width, width: width - indent.count).enumerated() {
                lines.append(index == 0 ? wrapped : indent + wrapped)
            }
        }
        return lines
    }

    /// A laid-out line too wide for `width`: when it ends in a remark set off by two or more
    /// spaces (`= floor(1.5) + 1    3 / 2 = 1.5 is not whole: round down`), the remark goes on
    /// the lines below, at its own column when there is room, wrapped at spaces. Tables,
    /// frames and anything else stay as they are.
    static func fitLaidOut(_ line: String, width: Int) -> [String] {
        guard !line.hasPrefix("|"), !line.hasPrefix("+"), !line.contains("\r"), !line.contains("\u{1B}") else { return [line] }
        let characters = Array(line)
        var gapStart: Int?
        var index = characters.count - 1
        while index > 0 {
            if characters[index] == " ", characters[index - 1] == " " {
                var start = index - 1
                while start > 0, characters[start - 1] == " " { start -= 1 }
                gapStart = start
                break
            }
            index -= 1
        }
        guard let gapStart, gapStart > 0,
              characters[..<gapStart].contains(where: { $0 != " " }) else { return [line] }
        let remark = String(characters[(index + 1)...])
        guard remark.contains(" "), remark.contains(where: \.isLetter) else { return [line] }
        let head = String(characters[..<gapStart])
        let column = index + 1
        let indent = column + 20 <= width ? column : min(8, width / 4)
        return fit(head, width: width) + wrap(remark, width: width - indent).map { String(repeating: " ", count: indent) + $0 }
    }

    /// Whether `text` moves the cursor: a carriage return, or an escape sequence other than
    /// a colour (SGR, ending in `m`).
    public static func movesCursor(_ text: String) -> Bool {
        if text.contains("\r") { return true }
        var inEscape = false
        for character in text {
            if inEscape, character.isLetter {
                if character != "m" { return true }
                inEscape = false
            } else if character == "\u{1B}" {
                inEscape = true
            }
        }
        return false
    }

    /// Whether `line` was laid out by its writer and must not be re-wrapped: it starts with a
    /// space (an indented block, a picture's row) or a `|` or `+` (a table, a frame), holds a
    /// run of two spaces (aligned columns), or moves the cursor (`\r`).
    public static func isLaidOut(_ line: String) -> Bool {
        line.hasPrefix(" ") || line.hasPrefix("|") || line.hasPrefix("+") || line.contains("  ") || line.contains("\r")
    }

    /// The columns `0..<count` of a table split into bands shown one under the other, so
    /// that a row of `fitting` columns at most fits the width; the bands are of equal size
    /// (28 columns that fit 19 at a time: two of 14, not 19 and 9).
    static func columnBands(count: Int, fitting: Int) -> [Range<Int>] {
        let fitting = max(1, fitting)
        let bandCount = (count + fitting - 1) / fitting
        let perBand = max(1, (count + max(bandCount, 1) - 1) / max(bandCount, 1))
        return stride(from: 0, to: count, by: perBand).map { $0..<min(count, $0 + perBand) }
    }

    /// The columns `text` takes on a terminal: its characters, without SGR escape sequences.
    public static func visibleCount<S: StringProtocol>(_ text: S) -> Int {
        var count = 0
        var inEscape = false
        for character in text {
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }

    /// `text` padded with spaces on the right to `length` characters (unchanged if longer).
    public static func padRight(_ text: String, _ length: Int) -> String {
        text.count >= length ? text : text + String(repeating: " ", count: length - text.count)
    }

    /// `text` padded with spaces on the left to `length` characters (unchanged if longer).
    public static func padLeft(_ text: String, _ length: Int) -> String {
        text.count >= length ? text : String(repeating: " ", count: length - text.count) + text
    }
}
