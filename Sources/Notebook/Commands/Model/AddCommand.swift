/// `add`: add a layer, as the Keras code does
enum AddCommand: Command {
    static let name = "add"
    static let changes = ScopeChange.model
    static let forms = LayerLine.forms
    static let subcommandNoun = "layer"
    static let summary = "add a layer, as the Keras code does"
    static let discussion = """
        Each line adds one layer on top of the model, like one line inside keras.Sequential:
          add input H W C       keras.Input(shape=(H, W, C)); first, once
          add conv F K          Conv2D(F, kernel_size=(K, K)); stride=S (default 1),
                                padding=valid (default) or same, and relu to fuse a ReLU
          add maxpool P         MaxPooling2D(pool_size=(P, P)); stride=S (default P),
                                padding=valid or same
          add flatten           Flatten(): the maps become one long vector (H, W, C order)
          add dropout R         Dropout(R): zero a fraction R of the values, in training only
          add dense U           Dense(U), with relu or softmax as its activation
          add relu              ReLU() as a layer of its own
        Each layer's name, output shape and parameter count are printed as it is added.
        A layer that does not fit (a kernel larger than its input, dense before flatten) is
        refused with the reason. Adding a layer asks for 'compile' again.
        """
    static let examples = ["add input 28 28 1", "add conv 32 3 stride=2 relu", "add flatten", "add dense 10 softmax"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let line = LayerLine.parse(invocation)
        let workspace = session.workspace
        let hadOptimizer = workspace.optimizer != nil
        guard let layer = try workspace.add(line) else {
            session.console.line("input: \(workspace.shapeText(workspace.model?.inputShape ?? []))")
            return
        }
        let parameters = layer.parameterCount
        session.console.line("\(layer.name) (\(layer.typeName)): \(workspace.shapeText(layer.outputShape)), "
                             + "\(NumberFormat.grouped(parameters)) parameter\(parameters == 1 ? "" : "s")")
        if hadOptimizer { session.console.line("the model changed: 'compile' it again before training") }
    }
}
