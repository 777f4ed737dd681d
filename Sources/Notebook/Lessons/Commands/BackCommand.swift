/// `back`: go back one cell
enum BackCommand: Command {
    static let name = "back"
    static let usage = "back"
    static let summary = "go back one cell"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
