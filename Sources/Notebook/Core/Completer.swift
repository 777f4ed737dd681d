/// What Tab offers at the cursor: the words that may complete the word being typed, or
/// file names. Pure text logic; the executable hands the result to readline.
public struct Completion: Equatable, Sendable {
    /// Whole words (the full word being typed, completed), sorted, without duplicates.
    public var candidates: [String]
    /// True when file names fit here (a FILE value) and no word matched.
    public var filenames: Bool

    public init(candidates: [String], filenames: Bool) {
        self.candidates = candidates
        self.filenames = filenames
    }
}

/// Tab completion for command lines, derived from each command's declared forms.
public enum Completer {
    /// The completions for the last word of `lineBeforeCursor` (the word after the last blank;
    /// it may be empty).
    ///
    /// - First word: command names and aliases.
    /// - Second word: the sub-commands, and what the forms without one take first.
    /// - Later words: the value the matching forms take at that position (choices,
    ///   suggestions, file names), their flags and `key=` keywords not given yet.
    /// - `key=` being typed: the keyword's values, or file names for a FILE keyword.
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
        let arguments = Arguments(Array(previous.dropFirst()))
        var positionals = arguments.positionals
        let usedKeys = Set(arguments.keywords.map(\.key))
        var forms = command.forms.filter { $0.subcommand == nil }
        var offered: [String] = []
        if let first = positionals.first?.lowercased(), let chosen = command.forms.first(where: { $0.isSelected(by: first) }) {
            forms = [chosen]
            positionals.removeFirst()
        } else if positionals.isEmpty {
            offered += command.forms.compactMap(\.subcommand)
        }

        if let equals = token.firstIndex(of: "=") {
            let key = token[..<equals].lowercased()
            guard let option = forms.flatMap(\.keywords).first(where: { $0.name == key }), let kind = option.value else {
                return Completion(candidates: [], filenames: false)
            }
            if case .file = kind { return Completion(candidates: [], filenames: true) }
            return Completion(candidates: matching(kind.offeredWords.map { "\(key)=\($0)" }, token), filenames: false)
        }

        var wantsFile = false
        for form in forms {
            let flagNames = Set(form.flags.map(\.name))
            let typed = positionals.filter { !flagNames.contains($0.lowercased()) }
            if let parameter = parameter(of: form, at: typed.count) {
                offered += parameter.offeredWords
                if case .file = parameter.kind { wantsFile = true }
            }
            let given = Set(positionals.map { $0.lowercased() })
            offered += form.flags.map(\.name).filter { !given.contains($0) }
            offered += form.keywords.filter { !usedKeys.contains($0.name) }.map { $0.name + "=" }
        }
        let candidates = matching(offered, token)
        return Completion(candidates: candidates, filenames: candidates.isEmpty && wantsFile)
    }

    /// The parameter that takes the value at `index` (0-based, after the sub-command).
    private static func parameter(of form: CommandForm, at index: Int) -> Positional? {
        if index < form.parameters.count { return form.parameters[index] }
        return form.parameters.last.flatMap { $0.repeats ? $0 : nil }
    }

    private static func matching(_ words: [String], _ prefix: String) -> [String] {
        let lowered = prefix.lowercased()
        return Array(Set(words.filter { $0.lowercased().hasPrefix(lowered) })).sorted()
    }
}
