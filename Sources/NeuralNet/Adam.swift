#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CKernels
import TensorCore

/// Keras's `Adam` (Kingma and Ba, 2015), with Keras's defaults and its form of the update.
///
/// At step `t` (1-based), for each parameter `w` with gradient `g`:
///
///     alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
///     m = m + (g - m) * (1 - beta1)
///     v = v + (g * g - v) * (1 - beta2)
///     w = w - alpha * m / (sqrt(v) + epsilon)
///
/// As in TensorFlow, the bias correction is folded into `alpha` and `epsilon` is added to
/// `sqrt(v)` without correction ("epsilon hat" in the paper), which is why Keras's default
/// epsilon (1e-7) behaves differently from the paper's 1e-8.
public final class Adam: Optimizer {
    public let name = "adam"
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public private(set) var iterations = 0

    /// First and second moments of every parameter element, nil before the first step.
    private var moments: (first: SlotBuffer, second: SlotBuffer)?

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public var slots: [String: [[Float]]] {
        guard let moments else { return [:] }
        return ["m": moments.first.arrays, "v": moments.second.arrays]
    }

    public func restore(iterations: Int, slots: [String: [[Float]]]) {
        guard let m = slots["m"], let v = slots["v"], m.count == v.count,
              zip(m, v).allSatisfy({ $0.count == $1.count }) else { return }
        self.iterations = max(0, iterations)
        moments = (SlotBuffer(m), SlotBuffer(v))
    }

    public func beginStep(_ parameters: [Parameter]) -> any ParameterUpdate {
        let counts = parameters.map(\.value.count)
        if moments == nil { moments = (SlotBuffer(counts: counts), SlotBuffer(counts: counts)) }
        guard let moments, moments.first.fits(counts: counts) else {
            preconditionFailure("Adam: given \(parameters.map(\.value.shape)), but its state was made for other parameters")
        }
        iterations += 1
        // In Float32, in Keras's order of operations.
        let step = Float(iterations)
        return Step(alpha: learningRate * (1 - powf(beta2, step)).squareRoot() / (1 - powf(beta1, step)),
                    oneMinusBeta1: Self.complement(beta1), oneMinusBeta2: Self.complement(beta2),
                    epsilon: epsilon, first: moments.first, second: moments.second)
    }

    /// One step's constants and the moments it updates.
    private struct Step: ParameterUpdate {
        let alpha: Float, oneMinusBeta1: Float, oneMinusBeta2: Float, epsilon: Float
        let first: SlotBuffer, second: SlotBuffer

        /// In C (`ck_adam_step`) so that it runs in the processor's widest vectors with a real
        /// square root: the Swift loop, compiled for SSE2 with SIMD16 and a Newton square root,
        /// took 8.3% of a training step's CPU time.
        func apply(parameter index: Int, range: Range<Int>,
                   values: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>) {
            let start = range.lowerBound
            ck_adam_step(values + start, gradients + start, first.pointer(index) + start, second.pointer(index) + start,
                         range.count, alpha, oneMinusBeta1, oneMinusBeta2, epsilon)
        }
    }

    /// The first and second moments (m, v) of element `element` of parameter `index` (its
    /// position in the list `update` is given), as the last update left them; nil before the
    /// first update. For showing one step with its numbers.
    public func moments(ofParameter index: Int, element: Int) -> (first: Float, second: Float)? {
        guard let moments, let first = moments.first.value(parameter: index, element: element),
              let second = moments.second.value(parameter: index, element: element) else { return nil }
        return (first, second)
    }

    /// `1 - beta` as Keras computes it: from the Python float (`1 - 0.999` in Double, then
    /// Float 0.001), not in Float32 (`1 - Float(0.999)` = 0.00099998713, which made steps
    /// 6e-6 shorter, relative, than Keras's). The Double is the shortest decimal that reads
    /// back as `beta`, i.e. the literal that was written.
    public static func complement(_ beta: Float) -> Float {
        Float(1 - (Double("\(beta)") ?? Double(beta)))
    }
}
