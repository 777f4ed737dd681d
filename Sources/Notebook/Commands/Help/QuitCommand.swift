/// `quit`: leave convbook (also exit, Ctrl-D)
enum QuitCommand: Command {
    static let name = "quit"
    static let aliases = ["exit"]
    static let usage = "quit"
    static let summary = "leave convbook (also exit, Ctrl-D)"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
