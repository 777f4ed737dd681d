/// `softmax V1 V2 ... [label=I]`: scores turned into probabilities, step by step, and the
/// cross-entropy loss of one label.
enum SoftmaxCommand: Command {
    static let name = "softmax"
    static let forms = [
        CommandForm(nil, [.repeating("V1 V2", .number(scoreRange), label: "a score")],
                    options: [.keyword("label", "I", .integer(0...maximumCount - 1))]),
    ]
    static let summary = "scores into probabilities, and the loss, with numbers"
    static let discussion = """
        Shows what the tutorial's last layer (Dense 10 softmax) and its loss do to
        the ten scores it computes: each score minus the largest, exp of that, the
        sum of the exps, and each exp divided by the sum: the probabilities. With
        label=I (classes numbered from 0, as Fashion-MNIST's labels are) also the
        loss training minimises for an image of class I, -ln p[I].
        """
    static let examples = [
        "softmax 2 1 0.1 label=1",
        "softmax 0 0 0 0 0 0 0 0 0 0 label=3",
    ]

    /// The most scores `softmax` takes, and how large one may be.
    static let maximumCount = 100
    static let scoreRange: ClosedRange<Double> = -1e6...1e6

    static func run(_ invocation: Invocation, in session: Session) throws {
        let scores = invocation.numbers("V1 V2")
        guard scores.count <= maximumCount else {
            throw CommandError("at most \(maximumCount) scores, got \(scores.count)")
        }
        let label = invocation.has("label") ? try invocation.index("label", below: scores.count) : nil
        let steps = SoftmaxSteps(scores: scores)
        steps.walkThrough(label: label, width: session.console.capabilities.width).forEach { session.console.line($0) }
    }
}
