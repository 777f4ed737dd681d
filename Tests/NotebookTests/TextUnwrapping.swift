/// Output as one line: what a message said, whatever width it was wrapped to (messages break
/// at spaces to fit the console, so a newline in the middle of one stands for a space).
extension String {
    var unwrapped: String { replacingOccurrences(of: "\n", with: " ") }
}

extension String {
    /// The words, one space apart: text compared whatever its line breaks and alignment.
    var wordsOnly: String { split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }
}
