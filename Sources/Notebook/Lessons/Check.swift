import Foundation

/// A check cell: a question, the expected answer, a hint and how the answer is derived.
///
/// Written in a lesson as a fenced block tagged `check` holding `key: value` lines
/// (a value may continue on following lines indented by spaces):
///
///     question: What size is the feature map after the first convolution?
///     answer: 13
///     hint: The formula from lesson 2, with stride 2.
///     why: The kernel fits 12.5 times... (prose, optional)
///     show: dims 28 3 2
///
/// `show` is a command whose output derives the answer; the tests assert that its output
/// contains the answer, so the number in `answer` is checked against the program.
/// At least one of `why` and `show` is required.
public struct Check: Sendable, Equatable {
    public let question: String
    public let answer: Answer
    /// The answer as shown to the learner: a whole number grouped by thousands (18,496),
    /// anything else as written (13x13x32, Ankle boot).
    public let answerText: String
    public let hint: String?
    public let why: String?
    public let show: String?

    public init(question: String, answer: Answer, answerText: String, hint: String?, why: String?, show: String?) {
        self.question = question
        self.answer = answer
        self.answerText = answerText
        self.hint = hint
        self.why = why
        self.show = show
    }

    /// How far a learner's number may be from a decimal answer: half a unit of its last
    /// written digit, so `2.3` accepts anything that rounds to 2.3 (2.30, 2.303). Whole
    /// numbers and names must match exactly.
    public var tolerance: Double {
        guard case .numbers = answer, let point = answerText.firstIndex(of: ".") else { return 0 }
        let decimals = answerText[answerText.index(after: point)...].prefix { $0.isNumber }.count
        return decimals == 0 ? 0 : 0.5 * pow(10, -Double(decimals))
    }

    /// Whether the learner's `given` answer is right (see `tolerance`).
    public func accepts(_ given: Answer) -> Bool { answer.accepts(given, tolerance: tolerance) }
}

/// An answer compared as a parsed value, not as raw text.
///
/// Numbers ignore thousands separators (`18496` equals `18,496`) and may be written as words
/// (`thirteen`, `twenty-six`) or followed by a unit (`9 multiplications`); a square size
/// written either way is the same (`13` equals `13x13`, `13 x 13` and `13 by 13`); shapes are
/// lists of sizes (`13x13x32`); names (Fashion-MNIST classes) ignore case, spaces and punctuation, and a
/// name made of alternatives (`T-shirt/top`) also accepts each part.
public enum Answer: Sendable, Equatable {
    /// A size list such as [13, 13, 32], or a single number as [n]. A square [n, n] is stored as [n].
    case numbers([Double])
    /// Accepted spellings, already normalised (lowercase letters and digits only).
    case name([String])

    /// Parses what a lesson or a learner wrote. Returns nil for empty text.
    public static func parse(_ text: String) -> Answer? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if let numbers = parseNumbers(trimmed) { return .numbers(numbers) }
        let spelledOut = NumberWords.replacingWords(in: trimmed)
        if let numbers = parseNumbers(spelledOut) ?? parseNumbersWithUnit(spelledOut) { return .numbers(numbers) }
        let whole = normalise(trimmed)
        guard !whole.isEmpty else { return nil }
        let parts = trimmed.split(separator: "/").map { normalise(String($0)) }.filter { !$0.isEmpty }
        return .name(parts.count > 1 ? [whole] + parts : [whole])
    }

    /// Whether `given` (a learner's parsed answer) equals this expected answer.
    /// Numbers may differ by `tolerance` (and always by rounding error).
    public func accepts(_ given: Answer, tolerance: Double = 0) -> Bool {
        switch (self, given) {
        case let (.numbers(expected), .numbers(actual)):
            guard expected.count == actual.count else { return false }
            return zip(expected, actual).allSatisfy { abs($0 - $1) <= max(tolerance, 1e-9 * max(1, abs($0))) }
        case let (.name(expected), .name(actual)):
            return actual.contains { expected.contains($0) }
        default:
            return false
        }
    }

    /// `13`, `13x13`, `13 x 13`, `13×13×32`, `18,496`, `0.001`, `73%` -> numbers; else nil.
    private static func parseNumbers(_ text: String) -> [Double]? {
        var cleaned = text.lowercased()
        for bracket in ["(", ")", "[", "]"] { cleaned = cleaned.replacingOccurrences(of: bracket, with: "") }
        cleaned = cleaned.replacingOccurrences(of: " by ", with: "x").replacingOccurrences(of: "×", with: "x")
        cleaned = cleaned.replacingOccurrences(of: "*", with: "x")
        let parts = cleaned.split(separator: "x", omittingEmptySubsequences: false)
        var values: [Double] = []
        for part in parts {
            var digits = part.trimmingCharacters(in: .whitespaces)
            if digits.hasSuffix("%") { digits.removeLast() }
            guard isPlainNumber(digits), let value = Double(digits.replacingOccurrences(of: ",", with: "")),
                  value.isFinite else { return nil }
            values.append(value)
        }
        if values.count == 2, values[0] == values[1] { return [values[0]] }
        return values.isEmpty ? nil : values
    }

    /// A number or size followed by words without digits, its unit (`9 multiplications`,
    /// `13x13 pixels`): the numbers; else nil.
    private static func parseNumbersWithUnit(_ text: String) -> [Double]? {
        let words = text.split(separator: " ")
        for count in stride(from: words.count - 1, through: 1, by: -1) {
            let unit = words[count...]
            guard unit.allSatisfy({ $0.allSatisfy(\.isLetter) }) else { return nil }
            if let numbers = parseNumbers(words[..<count].joined(separator: " ")) { return numbers }
        }
        return nil
    }

    /// Digits with an optional sign, decimal point, and commas only as thousands separators.
    private static func isPlainNumber(_ text: String) -> Bool {
        guard !text.isEmpty, text.allSatisfy({ "0123456789.,-+e".contains($0) }) else { return false }
        let integerPart = text.split(separator: ".", omittingEmptySubsequences: false)[0]
            .trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
        guard integerPart.contains(",") else { return true }
        let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
        return (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// Lowercase letters and digits only: "T-shirt / top" -> "tshirttop".
    static func normalise(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}
