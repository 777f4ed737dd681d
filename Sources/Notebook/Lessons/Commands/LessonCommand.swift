/// `lesson`: open lesson N where you left it
enum LessonCommand: Command {
    static let name = "lesson"
    static let usage = "lesson N"
    static let summary = "open lesson N where you left it"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
