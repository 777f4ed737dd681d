/// `help`: every command with its usage, grouped; `help CMD`: one command in detail.
enum HelpCommand: Command {
    static let name = "help"
    static let forms = [CommandForm(nil, [.optional("COMMAND", .text, suggestions: { CommandRegistry.all.map { $0.name } })])]
    static let summary = "list every command, or explain one"
    static let discussion = """
        Without a name, lists every command with its usage, grouped by what it is for.
        With a name (or an alias), shows that command's usage, what it does and an
        example. Words in CAPITALS are values you fill in, [brackets] mark what may be
        left out, and a | separates alternatives.
        """
    static let examples = ["help", "help dims"]

    /// The column where summaries start in the list.
    static let summaryColumn = 36

    static func run(_ invocation: Invocation, in session: Session) throws {
        let width = min(max(session.console.capabilities.width, 60), 100)
        guard let name = invocation.word("COMMAND") else {
            session.console.write(overview(width: width, console: session.console))
            return
        }
        guard let command = CommandRegistry.command(named: name) else {
            let suggestion = Suggestion.clause(for: name, among: CommandRegistry.names)
            throw CommandError("no command '\(CommandError.quoted(name))'\(suggestion); 'help' lists them all")
        }
        session.console.write(details(of: command, width: width, console: session.console))
    }

    /// The list of every command: a heading per group, each usage form on its own line
    /// and the summary beside the first (or under it when the form is long).
    static func overview(width: Int, console: Console) -> String {
        var text = "convbook: learn how convolutional neural networks work, one command at a time.\n"
        let pad = String(repeating: " ", count: summaryColumn)
        for group in CommandRegistry.groups {
            text += "\n" + console.styled(group.title, "1") + "\n"
            for command in group.commands {
                let forms = command.usageForms.map { UsageLayout.lines([$0], label: "  ", width: width) }
                let summaryLines = TextLayout.wrap(command.summary, width: width - summaryColumn)
                let first = forms[0]
                if first.count == 1, first[0].count <= summaryColumn - 2, let head = summaryLines.first {
                    text += TextLayout.padRight(first[0], summaryColumn) + head + "\n"
                    for line in summaryLines.dropFirst() { text += pad + line + "\n" }
                } else {
                    for line in first { text += line + "\n" }
                    for line in summaryLines { text += pad + line + "\n" }
                }
                for line in forms.dropFirst().joined() { text += line + "\n" }
            }
        }
        text += "\nType 'help COMMAND' for details and an example, e.g. 'help conv'.\n"
        return text
    }

    /// `help NAME`: the summary, every usage form, the discussion, the examples.
    static func details(of command: any Command.Type, width: Int, console: Console) -> String {
        var text = console.styled(command.name, "1") + ": " + command.summary + "\n\n"
        for line in UsageLayout.lines(command.usageForms, label: "usage: ", width: width) { text += line + "\n" }
        if !command.aliases.isEmpty {
            text += "also:  " + command.aliases.joined(separator: ", ") + "\n"
        }
        text += "\n" + reflow(command.discussion, width: width) + "\n"
        if !command.examples.isEmpty {
            text += "\n" + (command.examples.count == 1 ? "Example:" : "Examples:") + "\n"
            for example in command.examples { text += "  " + example + "\n" }
        }
        return text
    }

    /// `prose` fitted to `width` columns at word boundaries. Runs of unindented lines are
    /// paragraphs. A line with a gap of two or more spaces after its first words is a table
    /// row (`add conv F K    Conv2D(...)`): the lines after it indented to its second column
    /// continue it, and it is wrapped with its continuation under that column. Any other
    /// indented line (a formula, an example) keeps its indentation.
    static func reflow(_ prose: String, width: Int) -> String {
        var lines: [String] = []
        var paragraph: [String] = []
        var row: (head: String, body: String)?
        func flush() {
            if !paragraph.isEmpty { lines += TextLayout.wrap(paragraph.joined(separator: " "), width: width) }
            paragraph = []
            if let (head, body) = row {
                let column = head.count
                let pad = String(repeating: " ", count: column)
                let wrapped = TextLayout.wrap(body, width: max(width - column, 20))
                lines += wrapped.enumerated().map { ($0.offset == 0 ? head : pad) + $0.element }
            }
            row = nil
        }
        for line in prose.components(separatedBy: "\n") {
            let indent = line.prefix { $0 == " " }.count
            if let current = row, indent == current.head.count, indent < line.count {
                row?.body += " " + line.dropFirst(indent)
                continue
            }
            if line.isEmpty {
                flush()
                lines.append("")
            } else if let gap = line.dropFirst(indent).range(of: "  ") {
                flush()
                let column = line.distance(from: line.startIndex, to: gap.upperBound) + line[gap.upperBound...].prefix { $0 == " " }.count
                row = (String(line.prefix(column)), String(line.dropFirst(column)))
            } else if indent == 0 {
                row.map { _ in flush() }
                paragraph.append(line)
            } else {
                flush()
                lines.append(line)
            }
        }
        flush()
        return lines.joined(separator: "\n")
    }
}
