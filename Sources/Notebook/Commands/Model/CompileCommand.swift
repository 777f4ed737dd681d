import NeuralNet

/// `compile`: choose the optimizer and the loss
enum CompileCommand: Command {
    static let name = "compile"
    static let usage = "compile [adam|sgd] [lr=X] [momentum=M]"
    static let summary = "choose the optimizer and the loss"
    static let discussion = """
        model.compile(optimizer=..., loss="sparse_categorical_crossentropy",
        metrics=["accuracy"]): the loss is always sparse categorical cross-entropy (the
        labels are class numbers 0-9), the metric accuracy. The optimizer:
          adam   (default) Keras's Adam: lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7
          sgd    plain stochastic gradient descent: lr=0.01, momentum=0 (try momentum=0.9)
        Compiling again starts the optimizer afresh (its moments are forgotten); the
        weights are kept.

        Example: compile adam lr=0.001
        """
    static let completions = ["adam", "sgd", "lr=", "momentum="]

    static func run(_ arguments: Arguments, in session: Session) throws {
        try arguments.expectPositionals(0, 1)
        let name = arguments.positionals.first?.lowercased() ?? "adam"
        let optimizer: any Optimizer
        switch name {
        case "adam":
            try arguments.expectKeywords(["lr"])
            optimizer = Adam(learningRate: try learningRate(arguments, default: 0.001))
        case "sgd":
            try arguments.expectKeywords(["lr", "momentum"])
            let momentum = try arguments.number(keyword: "momentum", in: 0...0.999, default: 0)
            optimizer = SGD(learningRate: try learningRate(arguments, default: 0.01), momentum: Float(momentum))
        default:
            throw CommandError("unknown optimizer '\(name)' (expected adam or sgd)")
        }
        _ = try session.workspace.requireModel()
        session.workspace.optimizer = optimizer
        session.console.line("optimizer: \(describe(optimizer)); loss: sparse categorical cross-entropy; metrics: accuracy")
    }

    /// The `lr=` keyword: a positive number up to a million (absurd rates are allowed, so
    /// that divergence can be seen).
    static func learningRate(_ arguments: Arguments, default defaultValue: Double) throws -> Float {
        let rate = try arguments.number(keyword: "lr", in: 0...1e6, default: defaultValue)
        guard Float(rate) > 0 else { throw CommandError("lr must be greater than 0, got '\(arguments.keyword("lr") ?? "")'") }
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
