#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorCore

/// Softmax followed by sparse categorical cross-entropy, fused and numerically stable.
///
/// For logits `z` `[N, K]` and integer labels `y` `[N]`:
/// `loss = mean over n of (logsumexp(z[n]) - z[n, y[n]])`, with the row maximum subtracted
/// before `exp` so huge logits neither overflow nor give NaN. Its gradient for the logits is
/// `(softmax(z) - onehot(y)) / N`.
public enum SoftmaxCrossEntropy {
    /// The mean loss, the number of rows whose largest logit is the label, and the gradient
    /// (written into `gradient`, resized to the logits' shape).
    public static func lossAndGradient(logits: Tensor, labels: [Int32],
                                       gradient: inout Tensor) -> (loss: Float, correct: Int) {
        gradient.resize(to: logits.shape)
        return compute(logits: logits, labels: labels, gradient: &gradient, wantsGradient: true)
    }

    /// The mean loss and the number of correct rows, without a gradient.
    public static func loss(logits: Tensor, labels: [Int32]) -> (loss: Float, correct: Int) {
        var unused = Tensor.empty
        return compute(logits: logits, labels: labels, gradient: &unused, wantsGradient: false)
    }

    /// The cross-entropy of each row, `logsumexp(z[n]) - z[n, y[n]]`, accumulated in Double.
    private static func compute(logits: Tensor, labels: [Int32], gradient: inout Tensor,
                                wantsGradient: Bool) -> (loss: Float, correct: Int) {
        precondition(logits.shape.count == 2 && logits.shape[0] == labels.count,
                     "softmax cross-entropy: logits \(logits.shape) for \(labels.count) labels")
        let rows = logits.shape[0], classes = logits.shape[1]
        precondition(classes > 0, "softmax cross-entropy: logits \(logits.shape) have no classes")
        guard rows > 0 else { return (0, 0) }
        var total = 0.0, correct = 0
        let scale = 1 / Float(rows)
        logits.scalars.withUnsafeBufferPointer { z in
            gradient.scalars.withUnsafeMutableBufferPointer { dz in
                for n in 0..<rows {
                    let row = n * classes, label = Int(labels[n])
                    precondition(label >= 0 && label < classes, "softmax cross-entropy: label \(label) outside 0..<\(classes)")
                    var largest = z[row], best = 0
                    for k in 1..<classes where z[row + k] > largest { largest = z[row + k]; best = k }
                    if best == label { correct += 1 }
                    var sum: Float = 0
                    for k in 0..<classes { sum += expf(z[row + k] - largest) }
                    total += Double(logf(sum)) + Double(largest - z[row + label])
                    guard wantsGradient else { continue }
                    let inverse = 1 / sum
                    for k in 0..<classes {
                        let probability = expf(z[row + k] - largest) * inverse
                        dz[row + k] = (probability - (k == label ? 1 : 0)) * scale
                    }
                }
            }
        }
        return (Float(total / Double(rows)), correct)
    }
}
