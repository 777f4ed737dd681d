/// `mistakes`: test images the model gets wrong
enum MistakesCommand: Command {
    static let name = "mistakes"
    static let usage = "mistakes [N]"
    static let summary = "test images the model gets wrong"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
