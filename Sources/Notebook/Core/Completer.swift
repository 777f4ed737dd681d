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

    /// The words that apply after `arguments`: entries of `command.completions` ("SUB " removed
    /// from "SUB WORD" entries) and, past the first argument, the lowercase words the usage
    /// line offers there (`relu`, `softmax` after `add dense U`). A keyword the usage line
    /// names is offered only where the usage allows it; keywords already given and words
    /// already typed are left out.
    private static func words(of command: any Command.Type, after arguments: [String]) -> [String] {
        let usedKeys = Set(arguments.compactMap { word in word.firstIndex(of: "=").map { word[..<$0].lowercased() } })
        let typed = Set(arguments.map { $0.lowercased() })
        let options = arguments.first.map { usageOptions(in: command.usage, after: $0.lowercased()) }
        let namedKeys = usageOptions(in: command.usage, after: nil).keys
        var result: [String] = []
        for entry in command.completions {
            let parts = entry.split(separator: " ").map(String.init)
            let word: String
            if parts.count == 2 {
                guard arguments.first?.lowercased() == parts[0] else { continue }
                word = parts[1]
            } else if let equals = entry.firstIndex(of: "=") {
                let key = entry[..<equals].lowercased()
                if let options, namedKeys.contains(key), !options.keys.contains(key) { continue }
                word = entry
            } else {
                guard arguments.isEmpty || options?.words.contains(entry.lowercased()) == true else { continue }
                word = entry
            }
            if let key = word.split(separator: "=").first, word.contains("="), usedKeys.contains(key.lowercased()) { continue }
            result.append(word)
        }
        return (result + (options?.words ?? [])).filter { !typed.contains($0.lowercased()) }
    }

    /// The lowercase option words and the `key=` keywords of the usage forms that apply once
    /// `first` has been typed after the name: the forms of sub-command `first` if there are
    /// any (what follows it), else the forms without a sub-command (what follows the name).
    /// With `first` nil, every form. "add dense U [relu|softmax]" after "dense" gives the
    /// words ["relu", "softmax"].
    static func usageOptions(in usage: String, after first: String?) -> (words: [String], keys: Set<String>) {
        let forms = usage.components(separatedBy: " | ").map { $0.split(whereSeparator: { " []".contains($0) }).map(String.init) }
        func isWord(_ text: String) -> Bool {
            !text.isEmpty && text.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && text.first?.isLetter == true
        }
        let chosen: [ArraySlice<String>]
        if let first {
            let forSubcommand = forms.filter { $0.count > 1 && $0[1].lowercased() == first }
            chosen = forSubcommand.isEmpty ? forms.filter { $0.count > 1 && !isWord($0[1]) }.map { $0.dropFirst(1) }
                                           : forSubcommand.map { $0.dropFirst(2) }
        } else {
            chosen = forms.map { $0.dropFirst(1) }
        }
        var words: [String] = []
        var keys: Set<String> = []
        for token in chosen.joined() {
            if let equals = token.firstIndex(of: "=") {
                keys.insert(token[..<equals].lowercased())
                continue
            }
            for word in token.split(separator: "|").map(String.init) where isWord(word) && !words.contains(word) {
                words.append(word)
            }
        }
        return (first == nil ? [] : words, keys)
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
