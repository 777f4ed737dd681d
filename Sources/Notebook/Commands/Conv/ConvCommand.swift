/// `conv`: watch a kernel slide over an image, window by window
enum ConvCommand: Command {
    static let name = "conv"
    static let usage = "conv demo [stride=S] [padding=P] | conv step | conv run | conv image [ROWS] | conv kernel NAME|[ROWS] | conv apply KERNEL INDEX"
    static let summary = "a kernel sliding over an image, step by step"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
