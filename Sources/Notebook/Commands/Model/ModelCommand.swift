/// `model`: start an empty model, or the tutorial's
enum ModelCommand: Command {
    static let name = "model"
    static let usage = "model new | model tutorial"
    static let summary = "start an empty model, or the tutorial's"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
