/// `run`: runs every remaining cell of the open lesson; Ctrl-C stops between cells.
enum RunCommand: Command {
    static let name = "run"
    static let forms = [CommandForm()]
    static let summary = "run the rest of the lesson"
    static let discussion = """
        Runs the open lesson's remaining cells one after another, with their prose. Checks
        still ask for your answer. Ctrl-C stops after the cell that is running.
        """
    static let examples = ["run"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let runner = try session.notebook.openRunner()
        guard runner.position < runner.lesson.cells.count else {
            throw CommandError("lesson \(runner.lesson.number) is finished; 'lessons' shows what comes next")
        }
        try runner.runRest(in: session)
    }
}
