/// A box drawn around a picture, so its edges show even where it is black (spaces in ASCII).
public enum TextFrame {
    /// `lines` (each `width` characters on screen) inside a one-character border:
    /// `+--+` and `|` in ASCII, `┌─┐`, `│`, `└─┘` in Unicode.
    public static func lines(_ lines: [String], width: Int, capabilities: TerminalCapabilities) -> [String] {
        let unicode = capabilities.unicode
        let horizontal = String(repeating: unicode ? "─" : "-", count: width)
        let side = unicode ? "│" : "|"
        let top = (unicode ? "┌" : "+") + horizontal + (unicode ? "┐" : "+")
        let bottom = (unicode ? "└" : "+") + horizontal + (unicode ? "┘" : "+")
        return [top] + lines.map { side + $0 + side } + [bottom]
    }
}
