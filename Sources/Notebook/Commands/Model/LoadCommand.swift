/// `load`: load a model saved by convbook or exported from Keras
enum LoadCommand: Command {
    static let name = "load"
    static let usage = "load FILE"
    static let summary = "load a model saved by convbook or exported from Keras"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
