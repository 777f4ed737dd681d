/// `softmax V1 V2 ... [label=I]`: scores turned into probabilities, step by step, and the
/// cross-entropy loss of one label.
enum SoftmaxCommand: Command {
    static let name = "softmax"
    static let usage = "softmax V1 V2 ... [label=I]"
    static let summary = "scores into probabilities, and the loss, with numbers"
    static let discussion = """
        Shows what the tutorial's last layer (Dense 10 softmax) and its loss do to
        the ten scores it computes: each score minus the largest, exp of that, the
        sum of the exps, and each exp divided by the sum: the probabilities. With
        label=I (classes numbered from 0, as Fashion-MNIST's labels are) also the
        loss training minimises for an image of class I, -ln p[I].

        Examples:
          softmax 2 1 0.1 label=1
          softmax 0 0 0 0 0 0 0 0 0 0 label=3
        """

    /// The most scores `softmax` takes, and how large one may be.
    static let maximumCount = 100
    static let scoreRange: ClosedRange<Double> = -1e6...1e6

    static func run(_ arguments: Arguments, in session: Session) throws {
        try arguments.expectPositionals(1, maximumCount)
        try arguments.expectKeywords(["label"])
        let scores = try arguments.positionals.enumerated().map { offset, word in
            try Arguments.number(word, name: "V\(offset + 1)", in: scoreRange)
        }
        let label = try arguments.keyword("label").map {
            try Arguments.integer($0, name: "label", in: 0...(scores.count - 1))
        }
        let steps = SoftmaxSteps(scores: scores)
        steps.walkThrough(label: label, width: session.console.capabilities.width).forEach { session.console.line($0) }
    }
}
