/// `help`: list every command, or explain one
enum HelpCommand: Command {
    static let name = "help"
    static let usage = "help [COMMAND]"
    static let summary = "list every command, or explain one"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
