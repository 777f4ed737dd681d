/// `next`: run the next cell (Enter does the same)
enum NextCommand: Command {
    static let name = "next"
    static let usage = "next"
    static let summary = "run the next cell (Enter does the same)"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
