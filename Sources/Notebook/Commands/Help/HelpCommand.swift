/// `help`: every command with its usage, grouped; `help CMD`: one command in detail.
enum HelpCommand: Command {
    static let name = "help"
    static let usage = "help [COMMAND]"
    static let summary = "list every command, or explain one"
    static let discussion = """
        Without a name, lists every command with its usage, grouped by what it is for.
        With a name (or an alias), shows that command's usage, what it does and an
        example. Words in CAPITALS are values you fill in, [brackets] mark what may be
        left out, and a | separates alternatives.

        Examples:
          help
          help dims
        """
    static var completions: [String] { CommandRegistry.all.map { $0.name } }

    /// The column where summaries start in the list.
    static let summaryColumn = 36

    static func run(_ arguments: Arguments, in session: Session) throws {
        try arguments.expectPositionals(0, 1)
        try arguments.expectKeywords([])
        let width = min(max(session.console.capabilities.width, 60), 100)
        guard let name = arguments.positionals.first else {
            session.console.write(overview(width: width, console: session.console))
            return
        }
        guard let command = CommandRegistry.command(named: name) else {
            let suggestion = CommandRegistry.closestName(to: name).map { " (did you mean '\($0)'?)" } ?? ""
            throw CommandError("no command '\(CommandError.quoted(name))'\(suggestion); 'help' lists them all")
        }
        session.console.write(details(of: command, console: session.console))
    }

    /// The list of every command: a heading per group, each usage form on its own line
    /// and the summary beside the first (or under it when the form is long).
    static func overview(width: Int, console: Console) -> String {
        var text = "convbook: learn how convolutional neural networks work, one command at a time.\n"
        let pad = String(repeating: " ", count: summaryColumn)
        for group in CommandRegistry.groups {
            text += "\n" + console.styled(group.title, "1") + "\n"
            for command in group.commands {
                let forms = usageForms(command.usage)
                let summaryLines = TextLayout.wrap(command.summary, width: width - summaryColumn)
                let first = "  " + forms[0]
                if first.count <= summaryColumn - 2, let head = summaryLines.first {
                    text += TextLayout.padRight(first, summaryColumn) + head + "\n"
                    for line in summaryLines.dropFirst() { text += pad + line + "\n" }
                } else {
                    text += first + "\n"
                    for line in summaryLines { text += pad + line + "\n" }
                }
                for form in forms.dropFirst() { text += "  " + form + "\n" }
            }
        }
        text += "\nType 'help COMMAND' for details and an example, e.g. 'help conv'.\n"
        return text
    }

    /// `help NAME`: the summary, every usage form, the discussion.
    static func details(of command: any Command.Type, console: Console) -> String {
        var text = console.styled(command.name, "1") + ": " + command.summary + "\n\n"
        for (index, form) in usageForms(command.usage).enumerated() {
            text += (index == 0 ? "usage: " : "       ") + form + "\n"
        }
        if !command.aliases.isEmpty {
            text += "also:  " + command.aliases.joined(separator: ", ") + "\n"
        }
        text += "\n" + command.discussion + "\n"
        return text
    }

    /// "a | b | c" split into its forms.
    static func usageForms(_ usage: String) -> [String] {
        usage.components(separatedBy: " | ").map { $0.trimmingBlanks() }
    }
}

private extension String {
    func trimmingBlanks() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
