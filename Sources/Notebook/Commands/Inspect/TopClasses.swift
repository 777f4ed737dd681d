import Datasets
import Foundation

/// The most probable classes of one prediction, as `predict` prints them:
///
///     1. Ankle boot    97.3%  ############################
///     2. Sneaker        2.1%  #
///     3. Sandal         0.4%
public enum TopClasses {
    /// Softmax of `logits`, computed stably (the largest logit subtracted first).
    public static func probabilities(fromLogits logits: [Float]) -> [Float] {
        guard let largest = logits.max() else { return [] }
        let exponentials = logits.map { Foundation.exp(Double($0 - largest)) }
        let sum = exponentials.reduce(0, +)
        return exponentials.map { Float($0 / sum) }
    }

    /// The `count` most probable classes, most probable first (ties: lower class first).
    public static func ranked(_ probabilities: [Float], count: Int = 3) -> [(label: Int, probability: Float)] {
        Array(probabilities.enumerated()
            .sorted { rank($0.element) > rank($1.element) || (rank($0.element) == rank($1.element) && $0.offset < $1.offset) }
            .prefix(count)
            .map { (label: $0.offset, probability: $0.element) })
    }

    /// The order of `ranked`: NaN below everything, so a broken model's nan is never "first".
    private static func rank(_ probability: Float) -> Float { probability.isNaN ? -.infinity : probability }

    /// One line per class of the top `count`: rank, name, percentage, and a bar (`#`, or `█`
    /// in Unicode) 30 characters long at 100%.
    public static func lines(_ probabilities: [Float], count: Int = 3, classNames: [String] = FashionMNIST.classNames,
                             capabilities: TerminalCapabilities) -> [String] {
        let top = ranked(probabilities, count: count)
        let names = top.map { classNames.indices.contains($0.label) ? classNames[$0.label] : "class \($0.label)" }
        let nameWidth = names.map(\.count).max() ?? 0
        return zip(top, names).enumerated().map { rank, entry in
            let (prediction, name) = entry
            let percent = NumberGrid.format(prediction.probability * 100, decimals: 1) + "%"
            let bar = String(repeating: capabilities.unicode ? "█" : "#", count: barLength(prediction.probability))
            var line = "  \(rank + 1). " + TextLayout.padRight(name, nameWidth) + "  "
                + TextLayout.padLeft(percent, 6) + "  " + bar
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// The bar for `probability`: 30 characters at 1, none for nan (shown as "nan%").
    static func barLength(_ probability: Float) -> Int {
        guard probability.isFinite else { return probability == .infinity ? 30 : 0 }
        return Int((min(1, max(0, probability)) * 30).rounded())
    }
}

