/// `show`: draw an image with its label
enum ShowCommand: Command {
    static let name = "show"
    static let usage = "show INDEX [train|test] [numbers]"
    static let summary = "draw an image with its label"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
