/// Shows one cell with the prose before it and runs it: a command through
/// `session.notebook.executeCell`, a check by asking the learner (on a terminal) or by
/// printing its question and answer (off one).
enum CellRunner {
    /// Runs `cell`, the `index`-th (0-based) of `count`. Throws if the cell's command fails.
    static func run(_ cell: Cell, index: Int, of count: Int, in session: Session) throws {
        let console = session.console
        if !cell.prose.isEmpty {
            console.line()
            ProseRenderer.write(cell.prose, to: console)
        }
        console.line()
        console.line(console.styled("[cell \(index + 1) of \(count)]", "2"))
        switch cell.kind {
        case .command(let command):
            try runCommand(command, cell: index + 1, in: session)
        case .check(let check):
            try runCheck(check, cell: index + 1, in: session)
        }
    }

    /// Echoes `command` as if typed at the prompt, then runs it.
    static func runCommand(_ command: String, cell: Int, in session: Session) throws {
        session.console.line(session.console.styled("convbook> ", "2") + session.console.styled(command, "1"))
        guard session.notebook.executeCell(command, session) else {
            throw CommandError("cell \(cell) ('\(command)') failed")
        }
    }

    private static func runCheck(_ check: Check, cell: Int, in session: Session) throws {
        let console = session.console
        labelled("Check:", check.question, style: "1;36", console: console)
        if session.isInteractive, let input = session.input {
            ask(check, input: input, console: console)
        } else {
            console.line("Answer: \(check.answerText)")
        }
        try explain(check, cell: cell, in: session)
    }

    /// Reads answers until one parses: `hint` shows the hint, an empty line gives up.
    private static func ask(_ check: Check, input: LineReader, console: Console) {
        console.line("Type your answer ('hint' for a hint, Enter to see the answer).")
        while true {
            guard let line = input.readLine(prompt: "answer> ") else {
                console.line()
                console.line("The answer: \(check.answerText).")
                return
            }
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                console.line("The answer: \(check.answerText).")
                return
            }
            if text.lowercased() == "hint" {
                labelled("Hint:", check.hint ?? "no hint for this one; try the commands you have seen so far.", console: console)
                continue
            }
            guard let given = Answer.parse(text) else {
                console.line("Type a number (18,496), a size (13x13) or a class name.")
                continue
            }
            if check.answer.accepts(given) {
                console.line(console.styled("Right:", "1;32") + " \(check.answerText).")
            } else {
                console.line(console.styled("Not quite:", "1;33") + " you said \(text); the answer is \(check.answerText).")
            }
            return
        }
    }

    /// Writes `label text`, wrapped to the console (at most 80 columns) under a hanging indent.
    static func labelled(_ label: String, _ text: String, style: String = "1", console: Console) {
        let indent = String(repeating: " ", count: label.count + 1)
        let width = max(20, min(console.capabilities.width, 80) - indent.count)
        for (index, line) in TextLayout.wrap(text, width: width).enumerated() {
            console.line((index == 0 ? console.styled(label, style) + " " : indent) + line)
        }
    }

    /// The derivation: the `why` prose, then the `show` command's output.
    private static func explain(_ check: Check, cell: Int, in session: Session) throws {
        if let why = check.why {
            labelled("Why:", why, console: session.console)
        }
        if let show = check.show {
            try runCommand(show, cell: cell, in: session)
        }
    }
}
