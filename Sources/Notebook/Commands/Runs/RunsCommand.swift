/// `runs`: every training run of this notebook, as a table.
enum RunsCommand: Command {
    static let name = "runs"
    static let forms = [CommandForm()]
    static let summary = "every training run so far, compared in a table"
    static let discussion = """
        Each 'train' is a run, numbered in order ('train ... name=NAME' gives it a name).
        The table shows what was trained (the parameter count), how (optimizer and
        learning rate, epochs, seed) and how it ended: the last epoch's training loss,
        val_loss and val_accuracy, and the time it took. 'plot compare' draws their
        validation curves on one axis. Runs are kept when the model is replaced.
        """
    static let examples = [
        "runs",
    ]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let runs = session.workspace.runs
        guard !runs.runs.isEmpty else {
            throw CommandError("no runs yet: every 'train' is one ('train ... name=NAME' names it)")
        }
        RunsTable.lines(runs, capabilities: session.console.capabilities).forEach { session.console.line($0) }
    }
}
