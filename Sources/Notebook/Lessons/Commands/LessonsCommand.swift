/// `lessons`: list the lessons and your progress
enum LessonsCommand: Command {
    static let name = "lessons"
    static let usage = "lessons"
    static let summary = "list the lessons and your progress"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
