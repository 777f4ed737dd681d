/// `next`: shows the prose before the open lesson's next cell and runs it (Enter does the same).
enum NextCommand: Command {
    static let name = "next"
    static let forms = [CommandForm()]
    static let summary = "run the next cell (Enter does the same)"
    static let discussion = """
        Shows the prose before the next cell of the open lesson, then runs the cell. On a
        terminal an empty line (Enter) does the same, and also steps a demo a cell started.
        """
    static let examples = ["lesson 1", "next"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        // Before any lesson is open, 'next' does what Enter does after the welcome: resume.
        if session.notebook.runner == nil, let resume = session.stepper as? ResumeStepper, !resume.isFinished {
            try resume.step(in: session)
            return
        }
        try session.notebook.openRunner().runNextCell(in: session)
    }
}
