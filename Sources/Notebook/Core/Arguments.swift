import Foundation

/// The words of a command line after the command's name, with typed, checked access.
///
/// Words are split on spaces; a `[...]` group (a matrix such as `[1 0 -1; 2 0 -2]`) and a
/// `"quoted string"` each stay one word. `key=value` words are keywords; the rest are
/// positionals, in order. `FormParser` matches them against a command's declared forms;
/// the number parsers throw a `CommandError` naming what is wrong.
public struct Arguments: Equatable {
    public private(set) var positionals: [String]
    public private(set) var keywords: [(key: String, value: String)]

    public static func == (lhs: Arguments, rhs: Arguments) -> Bool {
        lhs.positionals == rhs.positionals && lhs.keywords.elementsEqual(rhs.keywords, by: { $0 == $1 })
    }

    /// Splits `words` into positionals and `key=value` keywords.
    public init(_ words: [String]) {
        positionals = []
        keywords = []
        for word in words {
            if let equals = word.firstIndex(of: "="), equals != word.startIndex,
               !word.hasPrefix("["), !word.hasPrefix("\"") {
                keywords.append((String(word[..<equals]).lowercased(), String(word[word.index(after: equals)...])))
            } else {
                positionals.append(word)
            }
        }
    }

    /// Splits a command line into words (see the type's discussion). Unbalanced brackets
    /// or quotes are an error.
    public static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var bracketDepth = 0
        var inQuotes = false
        for character in line {
            switch character {
            case "\"" where bracketDepth == 0:
                inQuotes.toggle()
            case "[" where !inQuotes:
                bracketDepth += 1
                current.append(character)
            case "]" where !inQuotes:
                guard bracketDepth > 0 else { throw CommandError("unexpected ']'") }
                bracketDepth -= 1
                current.append(character)
            case " " where !inQuotes && bracketDepth == 0, "\t" where !inQuotes && bracketDepth == 0:
                if !current.isEmpty { words.append(current); current = "" }
            default:
                current.append(character)
            }
        }
        if inQuotes { throw CommandError("missing closing '\"'") }
        if bracketDepth > 0 { throw CommandError("missing closing ']'") }
        if !current.isEmpty { words.append(current) }
        return words
    }

    // MARK: Values

    /// Parses a whole number named `name` within `range`. Thousands separators are accepted
    /// when they group by three ("18,496", "1_000"); "12.5", "1e3" and "abc" are errors.
    public static func integer(_ text: String, name: String, in range: ClosedRange<Int>) throws -> Int {
        guard let digits = plainDigits(text) else {
            if let value = Double(text), value.isFinite {
                if value == value.rounded(), value.magnitude >= 1e15 {
                    throw CommandError("\(name) must be between \(NumberFormat.grouped(range.lowerBound)) and \(NumberFormat.grouped(range.upperBound)), got \(quoted(text))")
                }
                throw CommandError("\(name) must be a whole number, got \(quoted(text))")
            }
            throw CommandError("\(name) must be a number, got \(quoted(text))")
        }
        guard let value = Int(digits), range.contains(value) else {
            throw CommandError("\(name) must be between \(NumberFormat.grouped(range.lowerBound)) and \(NumberFormat.grouped(range.upperBound)), got \(quoted(text))")
        }
        return value
    }

    /// Parses a finite decimal number named `name` within `range`.
    public static func number(_ text: String, name: String, in range: ClosedRange<Double>) throws -> Double {
        guard text.count <= 40, let value = Double(text), value.isFinite else {
            throw CommandError("\(name) must be a number, got \(quoted(text))")
        }
        guard range.contains(value) else {
            throw CommandError("\(name) must be between \(NumberFormat.decimal(range.lowerBound)) and \(NumberFormat.decimal(range.upperBound)), got \(quoted(text))")
        }
        return value
    }

    /// `text` as an optional sign and ASCII digits with separators removed, or nil if it is not
    /// a whole number written that way. Separators (`,` or `_`) must group digits by three.
    private static func plainDigits(_ text: String) -> String? {
        var body = Substring(text)
        var sign = ""
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.utf8.count <= 40 else { return nil }
        for separator in [",", "_"] as [Character] where body.contains(separator) {
            let groups = body.split(separator: separator, omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            body = Substring(groups.joined())
        }
        guard body.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return sign + body
    }

    private static func quoted(_ text: String) -> String { "'" + CommandError.quoted(text) + "'" }
}
