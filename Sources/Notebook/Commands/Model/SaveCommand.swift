/// `save`: save the model and its history (safetensors)
enum SaveCommand: Command {
    static let name = "save"
    static let usage = "save FILE"
    static let summary = "save the model and its history (safetensors)"
    static let discussion = """
        Writes the model to FILE in the safetensors format: every weight under Keras's name
        (conv2d.kernel, conv2d.bias, conv2d_1.kernel, ..., dense_1.bias), and in its
        metadata the 'add' lines that build the model, the training history and the class
        names. The file is written beside FILE first and then renamed over it, so an
        interrupted save never damages an earlier file. 'load FILE' reads it back.

        Example: save fashion.safetensors
        """

    static func run(_ arguments: Arguments, in session: Session) throws {
        try arguments.expectPositionals(1, 1)
        try arguments.expectKeywords([])
        let path = arguments.positionals[0]
        let (tensors, bytes) = try session.workspace.saveModel(to: path)
        let epochs = session.workspace.history.epochs
        session.console.line("saved \(path): \(tensors) tensors, \(NumberFormat.grouped(session.workspace.model?.parameterCount ?? 0)) parameters"
                             + " (\(SummaryCommand.memorySize(bytes))), the architecture and \(epochs) epoch\(epochs == 1 ? "" : "s") of history")
    }
}
