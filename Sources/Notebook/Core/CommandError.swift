/// A command that could not do what was asked. The interpreter prints it as one line,
/// `error: <command>: <message>`, followed by the command's usage line.
public struct CommandError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// What the user typed, made safe to echo in an error line: control characters and
    /// invalid bytes become "?", and more than 40 characters are cut with "...".
    public static func quoted(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.prefix(41).map {
            $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) || $0 == "\u{FFFD}" ? "?" : $0
        }))
        return cleaned.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(cleaned.unicodeScalars.prefix(40))) + "..." : cleaned
    }
}
