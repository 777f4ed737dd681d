import Foundation
import NeuralNet
import TensorCore

/// What `train ... profile` prints after training: the mean time per epoch of each layer's
/// forward and backward pass and of the other parts of a step, adding up to the epoch time,
/// and which library ran the matrix products, with which instructions. The table is 58
/// columns wide; the first line is prose, wrapped at spaces like any other:
///
///     time per epoch, mean of 10 epochs: 2.412 s; products: oneDNN 2.6.3, up to
///     avx512_core_amx (its own choice)
///       part               forward   backward      total   share
///       conv2d             0.101 s    0.153 s    0.254 s   10.5%
///       ...
///       epoch                                    2.412 s  100.0%
enum TrainingBudgetTable {
    static func lines(_ budget: TrainingBudget) -> [String] {
        guard budget.epochs > 0 else { return ["time budget: no epoch completed"] }
        let epochs = Double(budget.epochs)
        let total = budget.total / epochs
        var lines = [
            "time per epoch, mean of \(budget.epochs) epoch\(budget.epochs == 1 ? "" : "s"): "
                + seconds(total) + "; products: " + MatrixLibrary.summary,
            "  " + pad("part", 16) + right("forward", 10) + right("backward", 11) + right("total", 11) + right("share", 8),
        ]
        func row(_ name: String, forward: Double? = nil, backward: Double? = nil, _ value: Double) {
            lines.append("  " + pad(name, 16) + right(forward.map(seconds) ?? "", 10)
                         + right(backward.map(seconds) ?? "", 11) + right(seconds(value), 11)
                         + right(String(format: "%.1f%%", total > 0 ? 100 * value / total : 0), 8))
        }
        for (index, name) in budget.layerNames.enumerated() {
            let forward = budget.forward[index] / epochs, backward = budget.backward[index] / epochs
            row(name, forward: forward, backward: backward, forward + backward)
        }
        row("loss", budget.loss / epochs)
        row("data", budget.data / epochs)
        row("optimizer", budget.optimizer / epochs)
        row("synchronisation", budget.synchronisation / epochs)
        row("validation", budget.validation / epochs)
        row("other", budget.other / epochs)
        row("epoch", total)
        return lines
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width - 1)) + " " : text + String(repeating: " ", count: width - text.count)
    }
    private static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
