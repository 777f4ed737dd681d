/// `save`: save the model and its history (safetensors)
enum SaveCommand: Command {
    static let name = "save"
    static let usage = "save FILE"
    static let summary = "save the model and its history (safetensors)"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
