import NeuralNet

/// `compile`: choose the optimizer and the loss
enum CompileCommand: Command {
    static let name = "compile"
    static let changes = ScopeChange.model
    static let forms = [
        CommandForm(nil, [.optional("adam|sgd", .choice(["adam", "sgd"]), label: "the optimizer")],
                    options: [.keyword("lr", "X", .number(0...1e6)), .keyword("momentum", "M", .number(0...0.999))]),
    ]
    static let summary = "choose the optimizer and the loss"
    static let discussion = """
        model.compile(optimizer=..., loss="sparse_categorical_crossentropy",
        metrics=["accuracy"]): the loss is always sparse categorical cross-entropy (the
        labels are class numbers 0-9), the metric accuracy. The optimizer:
          adam   (default) Keras's Adam: lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7
          sgd    plain stochastic gradient descent: lr=0.01, momentum=0 (try momentum=0.9)
        Compiling again starts the optimizer afresh (its moments are forgotten); the
        weights are kept.
        """
    static let examples = ["compile adam lr=0.001"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let optimizer: any Optimizer
        if invocation.word("adam|sgd") == "sgd" {
            let momentum = invocation.number("momentum") ?? 0
            optimizer = SGD(learningRate: try learningRate(invocation, default: 0.01), momentum: Float(momentum))
        } else {
            guard !invocation.has("momentum") else { throw CommandError("momentum= is for sgd; adam keeps its own moments") }
            optimizer = Adam(learningRate: try learningRate(invocation, default: 0.001))
        }
        _ = try session.workspace.requireModel()
        session.workspace.optimizer = optimizer
        session.console.line("optimizer: \(describe(optimizer)); loss: sparse categorical cross-entropy; metrics: accuracy")
    }

    /// The `lr=` keyword: a positive number up to a million (absurd rates are allowed, so
    /// that divergence can be seen).
    static func learningRate(_ invocation: Invocation, default defaultValue: Double) throws -> Float {
        let rate = invocation.number("lr") ?? defaultValue
        guard Float(rate) > 0 else { throw CommandError("lr must be greater than 0, got '\(NumberFormat.decimal(rate))'") }
        return Float(rate)
    }

    /// `adam (lr=0.001)`, `sgd (lr=0.01, momentum=0.9)`.
    static func describe(_ optimizer: any Optimizer) -> String {
        let rate = "lr=" + NumberFormat.decimal(Double(optimizer.learningRate), maximumFractionDigits: 8)
        if let sgd = optimizer as? SGD, sgd.momentum != 0 {
            return "sgd (\(rate), momentum=\(NumberFormat.decimal(Double(sgd.momentum), maximumFractionDigits: 4)))"
        }
        return "\(optimizer.name) (\(rate))"
    }
}
