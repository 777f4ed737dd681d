/// `summary`: the model's layers, output shapes and parameters
enum SummaryCommand: Command {
    static let name = "summary"
    static let usage = "summary [full]"
    static let summary = "the model's layers, output shapes and parameters"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
