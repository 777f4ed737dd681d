import Foundation

/// `plot compare [loss|accuracy] [svg=FILE] [title=TEXT]`: the validation curves of every run
/// on one axis, in the terminal or as SVG. For `PlotCommand`.
enum PlotCompare {
    /// Draws `metrics` (both when empty was asked for) for the workspace's runs.
    static func run(metrics: [TrainingCurves.Metric], svg path: String?, title: String?, in session: Session) throws {
        let runs = session.workspace.runs
        let plotted = runs.runs.filter { !$0.history.validationLoss.isEmpty }
        guard !plotted.isEmpty else {
            throw CommandError(runs.runs.isEmpty
                ? "no runs yet: every 'train' is one ('train ... name=NAME' names it)"
                : "no run has a finished epoch with validation metrics yet")
        }
        let count = plotted.count == 1 ? "1 run" : "\(plotted.count) runs"
        if let path {
            let names = metrics.map { "val_\($0.rawValue)" }.joined(separator: " and ")
            try PlotCommand.write(RunComparison.svg(runs, metrics: metrics, title: title ?? "Validation curves of \(count)"),
                                  to: path)
            session.console.line("wrote \(path): \(names) of \(count) on one axis")
            return
        }
        if title != nil { throw CommandError("title= goes with svg=FILE") }
        RunComparison.lines(runs, metrics: metrics, capabilities: session.console.capabilities)
            .forEach { session.console.line($0) }
    }
}
