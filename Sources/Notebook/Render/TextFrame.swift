/// A box drawn around a picture, so its edges show even where it is black (spaces in ASCII).
public enum TextFrame {
    /// `lines` (each `width` characters on screen) inside a one-character border:
    /// `+--+` and `|` in ASCII, `┌─┐`, `│`, `└─┘` in Unicode.
    /// A `title` is set into the top border after one rule character, cut to fit.
    public static func lines(_ lines: [String], width: Int, title: String = "",
                             capabilities: TerminalCapabilities) -> [String] {
        let unicode = capabilities.unicode
        let rule = unicode ? "─" : "-"
        let horizontal = String(repeating: rule, count: width)
        let side = unicode ? "│" : "|"
        var topRule = horizontal
        if !title.isEmpty && width >= 2 {
            let shown = String(title.prefix(width - 1))
            topRule = rule + shown + String(repeating: rule, count: width - 1 - shown.count)
        }
        let top = (unicode ? "┌" : "+") + topRule + (unicode ? "┐" : "+")
        let bottom = (unicode ? "└" : "+") + horizontal + (unicode ? "┘" : "+")
        return [top] + lines.map { side + $0 + side } + [bottom]
    }
}
