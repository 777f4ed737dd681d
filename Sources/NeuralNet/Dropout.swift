import CKernels
import TensorCore

/// Keras's `Dropout` (inverted): in training each element is zeroed with probability `rate`
/// and the survivors are scaled by `1 / (1 - rate)`, so the expected output equals the input;
/// at inference it is the identity. Any shape.
///
/// Forward caches the mask (0 or `1 / (1 - rate)` per element); backward: `dx = dy * mask`.
/// Each training forward draws one 64-bit seed from the injected generator and expands the
/// mask from it with a SplitMix64, so masks are reproducible and cheap.
public final class Dropout: Layer {
    public let typeName = "Dropout"
    public let baseName = "dropout"
    public var name = "dropout"
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    /// The fraction of elements dropped in training, in [0, 1).
    public let rate: Float

    private var mask: [Float] = []
    private var maskIsIdentity = true

    public init(rate: Float, inputShape: [Int]) throws {
        guard !inputShape.isEmpty else { throw ShapeError("Dropout needs an input shape; add input first") }
        guard rate >= 0, rate < 1 else { throw ShapeError("dropout rate must be in [0, 1), got \(rate)") }
        self.rate = rate
        self.inputShape = inputShape
    }

    public func forward(_ input: Tensor, into output: inout Tensor, training: Bool,
                        using generator: inout some RandomNumberGenerator) {
        checkBatch(input, inputShape, "input")
        output.resize(to: input.shape)
        maskIsIdentity = !training || rate == 0
        if maskIsIdentity {
            output.scalars.withUnsafeMutableBufferPointer { y in
                input.scalars.withUnsafeBufferPointer { x in _ = y.update(fromContentsOf: x) }
            }
            return
        }
        if mask.count != input.count { mask = [Float](repeating: 0, count: input.count) }
        let seed = generator.next()
        let keep = 1 / (1 - rate)
        mask.withUnsafeMutableBufferPointer { m in
            output.scalars.withUnsafeMutableBufferPointer { y in
                input.scalars.withUnsafeBufferPointer { x in
                    guard let xp = x.baseAddress, let mp = m.baseAddress, let yp = y.baseAddress else { return }
                    // In C, in vector lanes (`ck_dropout_forward`): the same mask as drawing
                    // `SplitMix64(seed: seed).nextUnitFloat()` for each element in order.
                    ck_dropout_forward(seed, rate, keep, xp, mp, yp, x.count)
                }
            }
        }
    }

    public func backward(input: Tensor, output: Tensor, outputGradient: Tensor,
                         inputGradient: inout Tensor, computeInputGradient: Bool) {
        checkBatch(outputGradient, outputShape, "output gradient")
        guard computeInputGradient else { return }
        inputGradient.resize(to: input.shape)
        inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
            outputGradient.scalars.withUnsafeBufferPointer { dy in
                if maskIsIdentity {
                    _ = dx.update(fromContentsOf: dy)
                } else {
                    mask.withUnsafeBufferPointer { m in
                        guard let dyp = dy.baseAddress, let mp = m.baseAddress, let dxp = dx.baseAddress else { return }
                        VectorKernels.multiply(dyp, mp, into: dxp, count: dy.count)
                    }
                }
            }
        }
    }
}
