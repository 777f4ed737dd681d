/// `evaluate`: test accuracy, loss, per-class accuracy and confusion matrix
enum EvaluateCommand: Command {
    static let name = "evaluate"
    static let usage = "evaluate"
    static let summary = "test accuracy, loss, per-class accuracy and confusion matrix"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
