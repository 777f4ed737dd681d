/// `data`: find and load Fashion-MNIST, or the bundled sample
enum DataCommand: Command {
    static let name = "data"
    static let usage = "data [load|sample|download]"
    static let summary = "find and load Fashion-MNIST, or the bundled sample"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
