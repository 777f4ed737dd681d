/// `reset`: forget progress in a lesson, or in all
enum ResetCommand: Command {
    static let name = "reset"
    static let usage = "reset N | reset all"
    static let summary = "forget progress in a lesson, or in all"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
