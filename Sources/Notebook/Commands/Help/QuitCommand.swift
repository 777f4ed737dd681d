/// `quit` / `exit`: leave convbook.
enum QuitCommand: Command {
    static let name = "quit"
    static let aliases = ["exit"]
    static let forms = [CommandForm()]
    static let summary = "leave convbook (also exit, Ctrl-D)"
    static let discussion = """
        Ends the session. Ctrl-D on an empty line and 'exit' do the same. Your command
        history and lesson progress are kept for next time; a trained model is not, so
        'save FILE' it first if you want it back.
        """
    static let examples = ["quit"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        session.shouldQuit = true
    }
}
