import Foundation
import NeuralNet
import TensorCore

/// `plot [loss|accuracy] [svg=FILE] [title=TEXT]`: the training curves, in the terminal or as
/// an SVG file; `plot compare ...`: the validation curves of every run on one axis.
enum PlotCommand: Command {
    static let name = "plot"
    static let forms: [CommandForm] = [
        CommandForm(nil, [metric], options: [svg, title]),
        CommandForm("compare", [metric], options: [svg, title]),
    ]
    private static let metric = Positional.optional("loss|accuracy", .choice(["loss", "accuracy"]), label: "the metric")
    private static let svg = CommandOption.keyword("svg", "FILE", .file)
    private static let title = CommandOption.keyword("title", "TEXT", .text)
    static let summary = "training curves in the terminal or as SVG"
    static let discussion = """
        The curves the tutorial draws with matplotlib from history.history: the loss
        and the accuracy after each epoch, on the training images (loss, accuracy) and
        on the test images the model never trains on (val_loss, val_accuracy). While
        both improve the model is learning; when the training curve keeps improving
        and the validation curve stalls or turns, it has started to memorise its
        training images (overfitting).

        'plot' draws both charts, 'plot loss' or 'plot accuracy' one. svg=FILE writes
        both as an SVG picture instead (title=TEXT sets its title), to open in a
        browser or put in a report; the file is replaced whole or not at all.

        'plot compare' draws the validation curves (val_loss, val_accuracy) of every
        run ('runs' lists them) on one shared axis, each labelled by its run: in the
        terminal each curve is drawn with its run's number.
        """
    static let examples = ["plot", "plot accuracy", "plot svg=curves.svg title=\"Fashion-MNIST, 10 epochs\"",
                           "plot compare accuracy"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        var metrics = TrainingCurves.Metric.allCases
        if let metric = invocation.word("loss|accuracy").flatMap(TrainingCurves.Metric.init(rawValue:)) {
            metrics = [metric]
        }
        if invocation.subcommand == "compare" {
            try PlotCompare.run(metrics: metrics, svg: invocation.word("svg"), title: invocation.word("title"), in: session)
            return
        }
        let history = session.workspace.history
        guard history.epochs > 0 else {
            throw CommandError("no training history yet: 'train' a model first (or 'load' a saved one)")
        }
        if let path = invocation.word("svg") {
            let epochs = history.epochs == 1 ? "1 epoch" : "\(history.epochs) epochs"
            let title = invocation.word("title") ?? "Training history (\(epochs))"
            let target = try session.outputPath(path)
            try write(TrainingCurves.svg(history, title: title), to: target)
            session.console.line("wrote \(target == (path as NSString).expandingTildeInPath ? path : target): loss and accuracy over \(epochs), training and validation")
            return
        }
        if invocation.has("title") { throw CommandError("title= goes with svg=FILE") }
        TrainingCurves.lines(history, metrics: metrics, capabilities: session.console.capabilities)
            .forEach { session.console.line($0) }
    }

    /// Writes `text` to `path` atomically (a leading `~` is the home directory).
    static func write(_ text: String, to path: String) throws {
        guard !path.isEmpty else { throw CommandError("svg= needs a file name") }
        let expanded = (path as NSString).expandingTildeInPath
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: expanded, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandError("'\(path)' is a directory")
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: expanded)
        } catch let error as AtomicFileError {
            throw CommandError("cannot write '\(path)': \(error.reason)")
        }
    }
}
