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

    /// Shows a `setup` cell's prose and says that it is skipped: the scope already holds the
    /// result of lesson `earlier`.
    static func skip(_ cell: Cell, index: Int, of count: Int, from earlier: Int, in session: Session) {
        let console = session.console
        if !cell.prose.isEmpty {
            console.line()
            ProseRenderer.write(cell.prose, to: console)
        }
        console.line()
        var what = ""
        if case .command(let command) = cell.kind { what = " ('\(command)')" }
        console.line(console.styled("[cell \(index + 1) of \(count)]", "2") + " skipped\(what): lesson \(earlier)'s model is already here")
    }

    /// Echoes `command` as if typed at the prompt, then runs it.
    static func runCommand(_ command: String, cell: Int, in session: Session) throws {
        session.console.line(session.console.styled("convbook> ", "2") + session.console.styled(command, "1"))
        let lesson = session.scope.lesson
        let outer = session.cellLesson
        session.cellLesson = lesson
        defer { session.cellLesson = outer }
        guard session.notebook.executeCell(command, session) else {
            throw CommandError("cell \(cell) ('\(command)') failed")
        }
    }

    private static func runCheck(_ check: Check, cell: Int, in session: Session) throws {
        let console = session.console
        labelled("Check:", check.question, style: "1;36", console: console)
        if session.isInteractive, let input = session.input {
            guard CheckDialogue.ask(check, input: input, in: session) == .answered else { return }
        } else {
            console.line("Answer: \(check.answerText)")
        }
        try explain(check, cell: cell, in: session)
    }

    /// Writes `label text`, wrapped to the console under a hanging indent.
    static func labelled(_ label: String, _ text: String, style: String = "1", console: Console) {
        console.message(console.styled(label, style) + " " + text, hangingIndent: label.count + 1, maximumWidth: 80)
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
