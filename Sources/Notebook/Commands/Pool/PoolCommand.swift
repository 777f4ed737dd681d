/// `pool demo [max|average] [size=P] [stride=S]`: pooling stepped over the first channel of
/// the convolution demo's image, window by window (Enter steps on a terminal; every window
/// is printed otherwise); `pool step` and `pool run` go on.
enum PoolCommand: Command {
    static let name = "pool"
    static let usage = "pool demo [max|average] [size=P] [stride=S] | pool step | pool run"
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

        Examples:
          pool demo
          pool demo average
          pool demo max size=3 stride=1
        """
    static let completions = ["demo", "step", "run", "demo max", "demo average", "demo size=", "demo stride="]

    static let sizeRange = 1...12
    static let strideRange = 1...12

    static func run(_ arguments: Arguments, in session: Session) throws {
        guard let subcommand = arguments.positionals.first?.lowercased() else {
            throw CommandError("say what to do: demo, step or run")
        }
        let rest = Arguments(Array(arguments.positionals.dropFirst()) + arguments.keywords.map { "\($0.key)=\($0.value)" })
        switch subcommand {
        case "demo":
            try rest.expectKeywords(["size", "stride"])
            try rest.expectPositionals(0, 1)
            let modeWord = rest.positionals.first?.lowercased() ?? "max"
            guard let mode = PoolDemoState.Mode(rawValue: modeWord) else {
                throw CommandError("expected max or average, got '\(CommandError.quoted(modeWord))'")
            }
            let size = try rest.integer(keyword: "size", in: sizeRange, default: 2)
            let stride = try rest.integer(keyword: "stride", in: strideRange, default: size)
            try PoolDemoRun.start(mode: mode, size: size, stride: stride, in: session)
        case "step", "run":
            try rest.expectPositionals(0, 0)
            try rest.expectKeywords([])
            guard let demo = session.demo.pool else {
                throw CommandError("no pooling demo running: start one with 'pool demo'")
            }
            guard !demo.isFinished else { throw CommandError("every window has been shown: 'pool demo' starts again") }
            try demo.step(in: session)
            if subcommand == "run" { while !demo.isFinished { try demo.step(in: session) } }
        default:
            throw CommandError("unknown step '\(CommandError.quoted(subcommand))' (expected demo, step or run)")
        }
    }
}
