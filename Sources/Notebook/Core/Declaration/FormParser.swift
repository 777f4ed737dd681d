/// Matches the words after a command's name against its declared forms and checks every
/// value, producing an `Invocation` or a `CommandError` that says what is wrong (with "did you
/// mean" for mistyped sub-commands, keywords, flags and choices).
public enum FormParser {
    /// Parses `words` (as `Arguments.split` made them) for a command with `forms`.
    /// `noun` is what errors call a sub-command ("layer" for `add`).
    public static func parse(_ words: [String], forms: [CommandForm], noun: String = "sub-command") throws -> Invocation {
        let arguments = Arguments(words)
        var positionals = arguments.positionals
        let subcommandForms = forms.filter { $0.subcommand != nil }
        let plainForms = forms.filter { $0.subcommand == nil }
        let subcommands = subcommandForms.compactMap(\.subcommand)
        let names = Set(forms.flatMap { $0.parameters.map(\.name) + $0.options.map(\.name) })

        if let first = positionals.first?.lowercased(),
           let chosen = subcommandForms.first(where: { $0.isSelected(by: first) }) {
            positionals.removeFirst()
            return try unwrapped { try parse(positionals, arguments.keywords, form: chosen, names: names) }
        }
        guard !plainForms.isEmpty else {
            guard let first = positionals.first else {
                throw CommandError("say what to do: \(list(subcommands))")
            }
            throw CommandError("unknown \(noun) '\(CommandError.quoted(first))'"
                + Suggestion.clause(for: first, among: subcommands, otherwise: " (expected \(list(subcommands)))"))
        }
        var errors: [(form: CommandForm, error: Error)] = []
        for form in plainForms {
            do {
                return try parse(positionals, arguments.keywords, form: form, names: names)
            } catch let decisive as Decisive {
                throw decisive.error
            } catch {
                errors.append((form, error))
            }
        }
        if let first = positionals.first, first.first?.isLetter == true {
            let suggestion = Suggestion.clause(for: first, among: subcommands)
            if !suggestion.isEmpty { throw CommandError("unknown \(noun) '\(CommandError.quoted(first))'\(suggestion)") }
        }
        // The error of the first form whose parameter count fits the words given, else the first.
        throw (errors.first { $0.form.accepts(count: positionals.count) } ?? errors[0]).error
    }

    /// An error that ends the search through a command's forms: a number out of range is that
    /// number wrong (`predict -3`), not a sign that another form (`predict FILE`) was meant.
    struct Decisive: Error {
        let error: CommandError
    }

    private static func unwrapped<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let decisive as Decisive { throw decisive.error }
    }

    /// Parses the words after the sub-command against one form; `names` are those every form
    /// of the command declares.
    static func parse(_ words: [String], _ keywords: [(key: String, value: String)], form: CommandForm,
                      names: Set<String>) throws -> Invocation {
        var values: [String: Invocation.Value] = [:]
        var repeated: [String: [(word: String, value: Invocation.Value)]] = [:]
        var flags: Set<String> = []
        var positionals: [String] = []
        for word in words {
            if let flag = form.flags.first(where: { $0.name == word.lowercased() }) {
                guard flags.insert(flag.name).inserted else {
                    throw CommandError("unexpected argument '\(CommandError.quoted(word))' (given twice)")
                }
            } else {
                positionals.append(word)
            }
        }
        for keyword in keywords {
            guard let option = form.keywords.first(where: { $0.name == keyword.key }), let kind = option.value else {
                throw unknownKeyword(keyword.key, form: form)
            }
            values[option.name] = try value(keyword.value, kind: kind, label: option.name)
        }
        var index = 0
        for parameter in form.parameters {
            if parameter.repeats {
                let rest = Array(positionals[index...])
                if rest.isEmpty && !parameter.isOptional { throw CommandError("missing \(parameter.label)") }
                repeated[parameter.name] = try rest.map { ($0, try value($0, kind: parameter.kind, label: parameter.label)) }
                index = positionals.count
                continue
            }
            guard index < positionals.count else {
                if parameter.isOptional { continue }
                throw CommandError("missing \(parameter.label)")
            }
            do {
                values[parameter.name] = try value(positionals[index], kind: parameter.kind, label: parameter.label)
            } catch let error as CommandError {
                // A mistyped flag lands where a value was expected: say so ('show 0 numbrs').
                let suggestion = Suggestion.clause(for: positionals[index], among: form.flags.map(\.name))
                guard !suggestion.isEmpty else { throw error }
                throw CommandError("unexpected argument '\(CommandError.quoted(positionals[index]))'\(suggestion)")
            }
            index += 1
        }
        if index < positionals.count {
            let extra = positionals[index]
            let flags = form.flags.map(\.name)
            let suggestion = Suggestion.clause(for: extra, among: flags,
                                               otherwise: flags.isEmpty ? "" : " (allowed here: \(list(flags)))")
            throw CommandError("unexpected argument '\(CommandError.quoted(extra))'\(suggestion)")
        }
        return Invocation(form: form, values: values, repeated: repeated, flags: flags, declaredNames: names)
    }

    /// Checks `text` against `kind`.
    static func value(_ text: String, kind: ValueKind, label: String) throws -> Invocation.Value {
        switch kind {
        case let .integer(range):
            do {
                return .integer(try Arguments.integer(text, name: label, in: range))
            } catch let error as CommandError where Double(text.replacingOccurrences(of: ",", with: "")) != nil {
                throw Decisive(error: error)
            }
        case let .number(range):
            return .number(try Arguments.number(text, name: label, in: range))
        case let .choice(words):
            let lowered = text.lowercased()
            guard words.contains(lowered) else {
                throw CommandError("\(label) must be \(list(words)), got '\(CommandError.quoted(text))'"
                    + Suggestion.clause(for: text, among: words))
            }
            return .word(lowered)
        case let .padding(range):
            switch text.lowercased() {
            case "valid": return .padding(.valid)
            case "same": return .padding(.same)
            default:
                guard text.first?.isNumber == true || text.first == "-" || text.first == "+" else {
                    throw CommandError("\(label) must be valid, same or a number of rows, got '\(CommandError.quoted(text))'"
                        + Suggestion.clause(for: text, among: ["valid", "same"]))
                }
                return .padding(.explicit(try Arguments.integer(text, name: label, in: range)))
            }
        case .text, .file:
            return .word(text)
        }
    }

    private static func unknownKeyword(_ key: String, form: CommandForm) -> CommandError {
        let names = form.keywords.map(\.name)
        let shown = CommandError.quoted(key) + "="
        if form.flags.contains(where: { $0.name == key }) {
            return CommandError("'\(key)' takes no value: write it alone, without '='")
        }
        guard !names.isEmpty else { return CommandError("unknown option '\(shown)' (this takes no options)") }
        return CommandError("unknown option '\(shown)'" + Suggestion.clause(
            for: key, among: names, format: { $0 + "=" },
            otherwise: " (expected \(names.map { $0 + "=" }.joined(separator: ", ")))"))
    }

    /// "a, b or c".
    static func list(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}

extension CommandForm {
    /// Whether `count` positionals fit this form's parameters.
    func accepts(count: Int) -> Bool {
        let required = parameters.filter { !$0.isOptional }.count
        let repeats = parameters.last?.repeats == true
        return count >= required && (repeats || count <= parameters.count)
    }
}
