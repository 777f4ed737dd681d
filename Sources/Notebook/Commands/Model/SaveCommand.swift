import Foundation

/// `save`: save the model and its history (safetensors)
enum SaveCommand: Command {
    static let name = "save"
    static let forms = [CommandForm(nil, [.required("FILE", .file)])]
    static let summary = "save the model and its history (safetensors)"
    static let discussion = """
        Writes the model to FILE in the safetensors format: every weight under Keras's name
        (conv2d.kernel, conv2d.bias, conv2d_1.kernel, ..., dense_1.bias), and in its
        metadata the 'add' lines that build the model, the training history and the class
        names. The file is written beside FILE first and then renamed over it, so an
        interrupted save never damages an earlier file. 'load FILE' reads it back.
        """
    static let examples = ["save fashion.safetensors"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let written = invocation.word(required: "FILE")
        let path = try session.outputPath(written)
        guard try confirmReplacing(path, in: session) else {
            session.console.line("Nothing saved; \(written) is as it was.")
            return
        }
        let (tensors, bytes) = try session.workspace.saveModel(to: path)
        let epochs = session.workspace.history.epochs
        let shown = path == (written as NSString).expandingTildeInPath ? written : path
        session.console.line("saved \(shown): \(tensors) tensors, \(NumberFormat.grouped(session.workspace.model?.parameterCount ?? 0)) parameters"
                             + " (\(SummaryCommand.memorySize(bytes))), the architecture and \(epochs) epoch\(epochs == 1 ? "" : "s") of history")
    }

    /// On a terminal, asks before replacing a file at `path` that holds something other than
    /// this model; true when saving may go ahead. Off a terminal (scripts) files are replaced.
    private static func confirmReplacing(_ path: String, in session: Session) throws -> Bool {
        guard session.isInteractive, let input = session.input,
              let existing = FileManager.default.contents(atPath: path) else { return true }
        guard Array(existing) != (try session.workspace.serializedModel().bytes) else { return true }
        let reply = input.readLine(prompt: "\(path) holds a different model; replace it? [y/N] ") ?? ""
        return ["y", "yes"].contains(reply.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
