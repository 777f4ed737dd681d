/// `dims`: output size of a convolution, the formula filled in
enum DimsCommand: Command {
    static let name = "dims"
    static let usage = "dims IN K [S] [P] [dilation=D] | dims chain IN K/S[/P] ..."
    static let summary = "output size of a convolution, the formula filled in"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
