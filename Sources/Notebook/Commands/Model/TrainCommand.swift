/// `train`: train on Fashion-MNIST with validation
enum TrainCommand: Command {
    static let name = "train"
    static let usage = "train [epochs=10] [batch=32] [seed=N] [limit=N]"
    static let summary = "train on Fashion-MNIST with validation"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
