/// `load`: load a model saved by convbook or exported from Keras
enum LoadCommand: Command {
    static let name = "load"
    static let changes = ScopeChange.model
    static let forms = [CommandForm(nil, [.required("FILE", .file)])]
    static let summary = "load a model saved by convbook or exported from Keras"
    static let discussion = """
        Reads a safetensors file. One written by 'save' rebuilds its model from the
        architecture inside and restores the weights and the training history. A file of
        weights alone (exported from Keras by tools/export_keras_weights.py) goes into the
        current model: build it first ('model tutorial'), then every tensor must match a
        layer's weight by name (conv2d.kernel, ...) and shape. If anything does not fit,
        the error says what, and the current model is left unchanged.
        """
    static let examples = ["load fashion.safetensors"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let path = invocation.word(required: "FILE")
        let workspace = session.workspace
        let report = try workspace.loadModel(from: path)
        let parameters = NumberFormat.grouped(workspace.model?.parameterCount ?? 0)
        if report.rebuilt {
            let layers = workspace.model?.layers.count ?? 0
            var text = "loaded \(path): \(layers) layers, \(parameters) parameters"
            let epochs = workspace.history.epochs
            if epochs > 0 {
                text += ", trained \(epochs) epoch\(epochs == 1 ? "" : "s")"
                if let last = workspace.history.validationAccuracy.last { text += " (val_accuracy \(ProgressBar.metric(last)))" }
            } else {
                text += ", untrained"
            }
            session.console.line(text)
            session.console.line("'compile' before training it further; 'evaluate' works as it is")
        } else {
            session.console.line("loaded \(report.tensorCount) tensors (\(parameters) parameters) from \(path) into the current model")
        }
    }
}
