/// `hint`: a hint for the current check
enum HintCommand: Command {
    static let name = "hint"
    static let usage = "hint"
    static let summary = "a hint for the current check"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
