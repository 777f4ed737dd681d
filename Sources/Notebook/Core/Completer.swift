/// What Tab offers at the cursor: the words that may complete the word being typed, or
/// file names. Pure text logic; the executable hands the result to readline.
public struct Completion: Equatable, Sendable {
    /// Whole words (the full word being typed, completed), sorted, without duplicates.
    public var candidates: [String]
    /// True when file names fit here (the usage line says FILE) and no word matched.
    public var filenames: Bool

    public init(candidates: [String], filenames: Bool) {
        self.candidates = candidates
        self.filenames = filenames
    }
}

/// Tab completion for command lines, driven by `CommandRegistry` and each command's
/// `completions` and `usage`.
public enum Completer {
    /// The completions for the last word of `lineBeforeCursor` (the word after the last blank;
    /// it may be empty).
    ///
    /// - First word: command names and aliases.
    /// - Later words: the command's `completions` as `Command.completions` describes them;
    ///   keywords already given are not offered again.
    /// - `key=` being typed: the `key=value` completions of that key, or file names when
    ///   the usage says `key=FILE`.
    public static func complete(_ lineBeforeCursor: String) -> Completion {
        let blanks: Set<Character> = [" ", "\t"]
        let tokenStart = lineBeforeCursor.lastIndex(where: { blanks.contains($0) }).map { lineBeforeCursor.index(after: $0) }
            ?? lineBeforeCursor.startIndex
        let token = String(lineBeforeCursor[tokenStart...])
        let previous = lineBeforeCursor[..<tokenStart].split(whereSeparator: { blanks.contains($0) }).map(String.init)

        guard let name = previous.first else {
            return Completion(candidates: matching(CommandRegistry.names, token), filenames: false)
        }
        guard let command = CommandRegistry.command(named: name) else {
            return Completion(candidates: [], filenames: false)
        }
        let arguments = Array(previous.dropFirst())
        let offered = words(of: command, after: arguments)
        if let equals = token.firstIndex(of: "=") {
            let key = token[..<equals].lowercased()
            if command.usage.contains("\(key)=FILE") { return Completion(candidates: [], filenames: true) }
            let values = offered.filter { $0.lowercased().hasPrefix(key + "=") && $0.count > key.count + 1 }
            return Completion(candidates: matching(values, token), filenames: false)
        }
        let candidates = matching(offered.map(keywordStem), token)
        return Completion(candidates: candidates, filenames: candidates.isEmpty && takesFile(command.usage))
    }

    /// The entries of `command.completions` that apply after `arguments`, with "SUB " removed.
    private static func words(of command: any Command.Type, after arguments: [String]) -> [String] {
        let usedKeys = Set(arguments.compactMap { word in word.firstIndex(of: "=").map { word[..<$0].lowercased() } })
        var result: [String] = []
        for entry in command.completions {
            let parts = entry.split(separator: " ").map(String.init)
            let word: String
            if parts.count == 2 {
                guard arguments.first?.lowercased() == parts[0] else { continue }
                word = parts[1]
            } else {
                guard entry.contains("=") || arguments.isEmpty else { continue }
                word = entry
            }
            if let key = word.split(separator: "=").first, word.contains("="), usedKeys.contains(key.lowercased()) { continue }
            result.append(word)
        }
        return result
    }

    /// "padding=same" is offered as "padding=" until the `=` is typed: the values come next.
    private static func keywordStem(_ entry: String) -> String {
        guard let equals = entry.firstIndex(of: "=") else { return entry }
        return String(entry[...equals])
    }

    private static func matching(_ words: [String], _ prefix: String) -> [String] {
        let lowered = prefix.lowercased()
        return Array(Set(words.filter { $0.lowercased().hasPrefix(lowered) })).sorted()
    }

    /// Whether the usage line takes a FILE as a plain argument (not `key=FILE`).
    private static func takesFile(_ usage: String) -> Bool {
        usage.split(whereSeparator: { " |[]".contains($0) }).contains("FILE")
    }
}
