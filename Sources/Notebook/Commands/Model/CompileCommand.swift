/// `compile`: choose the optimizer and the loss
enum CompileCommand: Command {
    static let name = "compile"
    static let usage = "compile [adam|sgd] [lr=X]"
    static let summary = "choose the optimizer and the loss"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
