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

    /// First and second moments, one array per parameter, by position.
    private var firstMoments: [[Float]] = []
    private var secondMoments: [[Float]] = []

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public var slots: [String: [[Float]]] {
        firstMoments.isEmpty ? [:] : ["m": firstMoments, "v": secondMoments]
    }

    public func restore(iterations: Int, slots: [String: [[Float]]]) {
        guard let m = slots["m"], let v = slots["v"], m.count == v.count,
              zip(m, v).allSatisfy({ $0.count == $1.count }) else { return }
        self.iterations = max(0, iterations)
        firstMoments = m
        secondMoments = v
    }

    public func update(_ parameters: [Parameter]) {
        if firstMoments.isEmpty {
            firstMoments = parameters.map { [Float](repeating: 0, count: $0.value.count) }
            secondMoments = firstMoments
        }
        precondition(firstMoments.count == parameters.count && zip(firstMoments, parameters).allSatisfy { $0.count == $1.value.count },
                     "Adam: given \(parameters.map(\.value.shape)), but its state was made for other parameters")
        iterations += 1
        // In Float32, in Keras's order of operations.
        let step = Float(iterations)
        let alpha = learningRate * (1 - powf(beta2, step)).squareRoot() / (1 - powf(beta1, step))
        let oneMinusBeta1 = Self.complement(beta1), oneMinusBeta2 = Self.complement(beta2), epsilon = self.epsilon
        for (index, parameter) in parameters.enumerated() {
            parameter.value.scalars.withUnsafeMutableBufferPointer { w in
                parameter.gradient.scalars.withUnsafeBufferPointer { g in
                    firstMoments[index].withUnsafeMutableBufferPointer { m in
                        secondMoments[index].withUnsafeMutableBufferPointer { v in
                            // On the calling thread: the update is bound by memory, and split
                            // over two cores it waited for the second one on a busy machine
                            // (625 steps, load 14: 0.31-0.47 s instead of 0.42-0.66 s).
                            Self.step(w, g, m, v, alpha: alpha, oneMinusBeta1: oneMinusBeta1,
                                      oneMinusBeta2: oneMinusBeta2, epsilon: epsilon)
                        }
                    }
                }
            }
        }
    }

    /// The first and second moments (m, v) of element `element` of parameter `index` (its
    /// position in the list `update` is given), as the last update left them; nil before the
    /// first update. For showing one step with its numbers.
    public func moments(ofParameter index: Int, element: Int) -> (first: Float, second: Float)? {
        guard firstMoments.indices.contains(index), firstMoments[index].indices.contains(element) else { return nil }
        return (firstMoments[index][element], secondMoments[index][element])
    }

    /// `1 - beta` as Keras computes it: from the Python float (`1 - 0.999` in Double, then
    /// Float 0.001), not in Float32 (`1 - Float(0.999)` = 0.00099998713, which made steps
    /// 6e-6 shorter, relative, than Keras's). The Double is the shortest decimal that reads
    /// back as `beta`, i.e. the literal that was written.
    public static func complement(_ beta: Float) -> Float {
        Float(1 - (Double("\(beta)") ?? Double(beta)))
    }

    /// The update of one parameter, in C (`ck_adam_step`) so that it runs
    /// in the processor's widest vectors with a real square root: the Swift loop, compiled for
    /// SSE2 with SIMD16 and a Newton square root, took 8.3% of a training step's CPU time.
    private static func step(_ w: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>,
                             _ m: UnsafeMutableBufferPointer<Float>, _ v: UnsafeMutableBufferPointer<Float>,
                             alpha: Float, oneMinusBeta1: Float, oneMinusBeta2: Float, epsilon: Float) {
        guard let wp = w.baseAddress, let gp = g.baseAddress, let mp = m.baseAddress, let vp = v.baseAddress else { return }
        ck_adam_step(wp, gp, mp, vp, w.count, alpha, oneMinusBeta1, oneMinusBeta2, epsilon)
    }
}
