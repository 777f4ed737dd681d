/// `where`: which lesson and cell you are at
enum WhereCommand: Command {
    static let name = "where"
    static let usage = "where"
    static let summary = "which lesson and cell you are at"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
