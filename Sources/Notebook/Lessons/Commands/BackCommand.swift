/// `back`: the previous cell of the open lesson becomes the next one again.
enum BackCommand: Command {
    static let name = "back"
    static let forms = [CommandForm()]
    static let summary = "go back one cell"
    static let discussion = """
        Steps the open lesson back one cell, so that Enter (or 'next') runs it again.
        """
    static let examples = ["back"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let runner = try session.notebook.openRunner()
        try runner.back(in: session)
        let cell = runner.lesson.cells[runner.position]
        session.console.line("Back at cell \(runner.position + 1) of \(runner.lesson.cells.count): \(CellDescription.of(cell)). Enter runs it again.")
    }
}
