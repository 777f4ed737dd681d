import Foundation
import NeuralNet

/// What `train` prints. Off a terminal: one line per epoch,
///
///     Epoch 1/10 - 1875/1875 - 5.2s - loss: 0.5123 - accuracy: 0.8123 - val_loss: 0.3921 - val_accuracy: 0.8590
///
/// On a terminal the same line fills as the epoch runs (steps with a bar, elapsed time, ETA,
/// running loss and accuracy), redrawn in place with `\r` at most 10 times a second, and is
/// replaced by the line above when the epoch ends, wrapped between its groups of metrics when
/// the terminal is narrower than the line (`wrapped`).
final class TrainingDisplay {
    private let console: Console
    private var lastDrawn = -1.0
    private var isLineOpen = false

    init(console: Console) { self.console = console }

    /// Redraws the running line (terminal only), at most every 0.1 s and at the last step.
    func update(_ progress: Trainer.Progress) {
        guard console.capabilities.isInteractive else { return }
        guard progress.elapsed - lastDrawn >= 0.1 || progress.step == progress.steps else { return }
        lastDrawn = progress.elapsed
        let prefix = "Epoch \(progress.epoch)/\(progress.epochs) - "
        var capabilities = console.capabilities
        capabilities.width = max(20, capabilities.width - prefix.count - 1)
        let bar = ProgressBar(total: progress.steps, barWidth: 20)
            .line(completed: progress.step, elapsed: progress.elapsed,
                  metrics: [("loss", progress.loss), ("accuracy", progress.accuracy)], capabilities: capabilities)
        console.write("\r\u{1B}[K" + prefix + bar)
        isLineOpen = true
    }

    /// Writes the epoch's final line (over the running one on a terminal). On a terminal too
    /// narrow for it, it wraps between its groups (`wrapped`), so nothing is cut mid-word; off
    /// a terminal it is always one line, for scripts that parse it.
    func finish(_ summary: Trainer.EpochSummary) {
        var groups = [["Epoch \(summary.epoch)/\(summary.epochs)", "\(summary.steps)/\(summary.steps)",
                       String(format: "%.1fs", summary.seconds)],
                      ["loss: \(ProgressBar.metric(summary.loss))", "accuracy: \(ProgressBar.metric(summary.accuracy))"]]
        if let loss = summary.validationLoss, let accuracy = summary.validationAccuracy {
            groups.append(["val_loss: \(ProgressBar.metric(loss))", "val_accuracy: \(ProgressBar.metric(accuracy))"])
        }
        let line = console.capabilities.isInteractive
            ? Self.wrapped(groups, width: console.capabilities.width).joined(separator: "\n")
            : groups.joined().joined(separator: " - ")
        // Laid out here (continuation lines on a narrow terminal), so written as it is.
        if isLineOpen { console.write("\r\u{1B}[K" + line + "\n") } else { console.verbatim(line) }
        isLineOpen = false
        lastDrawn = -1
    }

    /// The epoch's line laid out for `width` columns: its segments joined by " - ", a group of
    /// them (the epoch and its time; the training metrics; the validation metrics) moving to a
    /// continuation line when it does not fit where it would start. A continuation line begins
    /// with "- ", indented one column past the first segment ("Epoch 1/10"); a group too wide
    /// for a line of its own is split between its segments.
    ///
    ///     Epoch 1/10 - 1875/1875 - 5.2s
    ///                - loss: 0.5123 - accuracy: 0.8123
    ///                - val_loss: 0.3921 - val_accuracy: 0.8590
    static func wrapped(_ groups: [[String]], width: Int) -> [String] {
        guard let first = groups.first, let title = first.first else { return [] }
        let indent = String(repeating: " ", count: title.count + 1) + "- "
        var lines = [first.joined(separator: " - ")]
        func append(_ text: String) {
            if lines[lines.count - 1].count + 3 + text.count <= width {
                lines[lines.count - 1] += " - " + text
            } else {
                lines.append(indent + text)
            }
        }
        // A line is never shorter than the title, and a continuation's indent is the title plus
        // " - ": a group that fits on the current line fits on a line of its own.
        for group in groups.dropFirst() {
            let joined = group.joined(separator: " - ")
            if indent.count + joined.count <= width { append(joined) } else { group.forEach(append) }
        }
        return lines
    }

    /// Ends a running line left open by an interrupted or diverged epoch.
    func abandon() {
        if isLineOpen { console.write("\n") }
        isLineOpen = false
    }
}
