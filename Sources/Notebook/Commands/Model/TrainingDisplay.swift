import Foundation
import NeuralNet

/// What `train` prints. Off a terminal: one line per epoch,
///
///     Epoch 1/10 - 1875/1875 - 5.2s - loss: 0.5123 - accuracy: 0.8123 - val_loss: 0.3921 - val_accuracy: 0.8590
///
/// On a terminal the same line fills as the epoch runs (steps with a bar, elapsed time, ETA,
/// running loss and accuracy), redrawn in place with `\r` at most 10 times a second, and is
/// replaced by the line above when the epoch ends (its validation metrics on a second line
/// when the terminal is narrower than the line).
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
    /// narrow for it, the validation metrics go on a second line under the first, so nothing
    /// wraps mid-word; off a terminal it is always one line, for scripts that parse it.
    func finish(_ summary: Trainer.EpochSummary) {
        let epoch = "Epoch \(summary.epoch)/\(summary.epochs)"
        var line = "\(epoch) - \(summary.steps)/\(summary.steps) - " + String(format: "%.1fs", summary.seconds)
            + " - loss: \(ProgressBar.metric(summary.loss)) - accuracy: \(ProgressBar.metric(summary.accuracy))"
        if let loss = summary.validationLoss, let accuracy = summary.validationAccuracy {
            let validation = "- val_loss: \(ProgressBar.metric(loss)) - val_accuracy: \(ProgressBar.metric(accuracy))"
            let fitsOnOneLine = line.count + 1 + validation.count <= console.capabilities.width
            line += !console.capabilities.isInteractive || fitsOnOneLine
                ? " " + validation
                : "\n" + String(repeating: " ", count: epoch.count + 1) + validation
        }
        // Laid out here (a second line on a narrow terminal), so written as it is.
        if isLineOpen { console.write("\r\u{1B}[K" + line + "\n") } else { console.verbatim(line) }
        isLineOpen = false
        lastDrawn = -1
    }

    /// Ends a running line left open by an interrupted or diverged epoch.
    func abandon() {
        if isLineOpen { console.write("\n") }
        isLineOpen = false
    }
}
