/// `params`: count weights and biases; conv against dense
enum ParamsCommand: Command {
    static let name = "params"
    static let usage = "params conv K CIN FILTERS | params dense IN UNITS | params compare H W C K FILTERS [S]"
    static let summary = "count weights and biases; conv against dense"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
