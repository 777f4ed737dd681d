/// `where`: the open lesson, the next cell's number out of how many, and what it is.
enum WhereCommand: Command {
    static let name = "where"
    static let forms = [CommandForm()]
    static let summary = "which lesson and cell you are at"
    static let discussion = """
        Says which lesson is open and which cell runs next (cell i of n), or, with no lesson
        open, where you left off.
        """
    static let examples = ["where"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        guard let runner = session.notebook.runner else {
            let progress = session.notebook.progressStore(in: session).progress
            if let current = progress.current {
                session.console.line("No lesson is open; you were last in lesson \(current) ('lesson \(current)' resumes it).")
            } else {
                session.console.line("No lesson is open; 'lessons' lists them, 'lesson 1' starts.")
            }
            return
        }
        let lesson = runner.lesson
        let count = lesson.cells.count
        if runner.position == count {
            session.console.line("Lesson \(lesson.number) (\(lesson.title)): all \(count) cells done.")
        } else {
            session.console.line("Lesson \(lesson.number) (\(lesson.title)), cell \(runner.position + 1) of \(count): \(CellDescription.of(lesson.cells[runner.position])).")
        }
    }
}

/// A one-line description of a cell for `where` and `back`.
enum CellDescription {
    static func of(_ cell: Cell) -> String {
        switch cell.kind {
        case .command(let command): return "'\(command)'"
        case .check: return "a check"
        }
    }
}
