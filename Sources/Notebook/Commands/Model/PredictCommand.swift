/// `predict`: classify a test image or your own picture
enum PredictCommand: Command {
    static let name = "predict"
    static let usage = "predict INDEX | predict FILE"
    static let summary = "classify a test image or your own picture"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
