/// `run`: run the rest of the lesson
enum RunCommand: Command {
    static let name = "run"
    static let usage = "run"
    static let summary = "run the rest of the lesson"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
