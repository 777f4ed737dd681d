/// `hint`: the hint of the open lesson's check: the next cell's, else the one just run.
enum HintCommand: Command {
    static let name = "hint"
    static let forms = [CommandForm()]
    static let summary = "a hint for the current check"
    static let discussion = """
        Gives the hint of the check that comes next in the open lesson (or of the one just
        answered). While a check is asking for your answer, type 'hint' at the answer prompt.
        """
    static let examples = ["hint"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let runner = try session.notebook.openRunner()
        let cells = runner.lesson.cells
        let candidates = [runner.position, runner.position - 1].filter { cells.indices.contains($0) }
        for index in candidates {
            if case .check(let check) = cells[index].kind {
                CellRunner.labelled("Hint:", check.hint ?? "no hint for this one; try the commands you have seen so far.",
                                    console: session.console)
                return
            }
        }
        throw CommandError("the next cell is not a check")
    }
}
