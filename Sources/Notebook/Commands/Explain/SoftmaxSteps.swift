import Foundation

/// Softmax computed the way `softmax` shows it, in Double: every score shifted by the
/// largest, exponentiated, summed, divided; and the cross-entropy loss of one label.
///
/// Invariant: `exponentials[i] = exp(scores[i] - largest)`, so the largest is exactly 1 and
/// none overflows; `probabilities[i] = exponentials[i] / sum` add up to 1.
struct SoftmaxSteps {
    let scores: [Double]
    let largest: Double
    let exponentials: [Double]
    let sum: Double
    let probabilities: [Double]

    /// `scores` must be non-empty and finite.
    init(scores: [Double]) {
        precondition(!scores.isEmpty && scores.allSatisfy(\.isFinite), "SoftmaxSteps: scores must be finite, got \(scores)")
        self.scores = scores
        largest = scores.max()!
        let largest = self.largest
        exponentials = scores.map { Foundation.exp($0 - largest) }
        sum = exponentials.reduce(0, +)
        let sum = self.sum
        probabilities = exponentials.map { $0 / sum }
    }

    /// Sparse categorical cross-entropy for class `label` (from 0): `-ln p[label]`, computed
    /// as `ln(sum) - (score - largest)` so a tiny probability does not round to ln 0.
    func loss(label: Int) -> Double {
        Foundation.log(sum) - (scores[label] - largest)
    }
}
