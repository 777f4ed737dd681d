/// `filters`: the learned kernels of a conv layer
enum FiltersCommand: Command {
    static let name = "filters"
    static let usage = "filters LAYER [numbers]"
    static let summary = "the learned kernels of a conv layer"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
