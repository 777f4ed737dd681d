/// `pool demo [max|average] [size=P] [stride=S]`: pooling stepped over the first channel of
/// the convolution demo's image, window by window (Enter steps on a terminal; every window
/// is printed otherwise); `pool step` and `pool run` go on.
enum PoolCommand: Command {
    static let name = "pool"
    static let forms = [
        CommandForm("demo", [.optional("max|average", .choice(PoolDemoState.Mode.allCases.map(\.rawValue)), label: "the kind of pooling")],
                    options: [.keyword("size", "P", .integer(sizeRange)), .stride(strideRange)]),
        CommandForm("step"),
        CommandForm("run"),
    ]
    static let summary = "pooling stepped over the demo's image"
    static let discussion = """
        'pool demo' slides a P x P window (size=P, default 2) over the image of
        'conv demo' (its first channel), S cells at a time (stride=S, default P), and
        keeps one number per window: the largest (max, the default) or the mean
        (average). Each window shows the values, the one kept or the mean worked out,
        and the pooled map filling in. Pooling has no weights and no padding here, so
        the map has (IN - P) / S + 1 rows, rounded down: an odd size such as 11 with
        2x2 windows gives 5, and the last row and column are dropped.

        On a terminal, Enter (or 'pool step') shows the next window and 'pool run'
        the rest; otherwise every window is printed. 'conv image' sets the image.
        """
    static let examples = [
        "pool demo",
        "pool demo average",
        "pool demo max size=3 stride=1",
    ]

    static let sizeRange = 1...12
    static let strideRange = 1...12

    static func run(_ invocation: Invocation, in session: Session) throws {
        if invocation.subcommand == "demo" {
            let mode = PoolDemoState.Mode(rawValue: invocation.word("max|average") ?? "max") ?? .max
            let size = invocation.integer("size") ?? 2
            try PoolDemoRun.start(mode: mode, size: size, stride: invocation.integer("stride") ?? size, in: session)
            return
        }
        guard let demo = session.demo.pool else {
            throw CommandError("no pooling demo running: start one with 'pool demo'")
        }
        guard !demo.isFinished else { throw CommandError("every window has been shown: 'pool demo' starts again") }
        try demo.step(in: session)
        if invocation.subcommand == "run" { while !demo.isFinished { try demo.step(in: session) } }
    }
}
