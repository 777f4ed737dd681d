/// Plain-text layout helpers for output that must fit the console's width.
public enum TextLayout {
    /// `paragraph` broken at spaces into lines of at most `width` characters (a longer
    /// single word gets a line of its own). Runs of spaces collapse to one.
    public static func wrap(_ paragraph: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in paragraph.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
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
