import TensorCore

/// Keras's `Flatten`: `[N, H, W, C]` -> `[N, H * W * C]`, in H, W, C order (NHWC storage is
/// already in that order, so the scalars are copied unchanged).
///
/// The copy (rather than sharing storage) keeps each layer's output buffer its own, so the
/// layer before can overwrite its output at the next step without a copy-on-write.
public final class Flatten: Layer {
    public let typeName = "Flatten"
    public let baseName = "flatten"
    public var name = "flatten"
    public let inputShape: [Int]
    public let outputShape: [Int]

    public init(inputShape: [Int]) throws {
        guard inputShape.count >= 1 else { throw ShapeError("Flatten needs an input shape; add input first") }
        self.inputShape = inputShape
        outputShape = [inputShape.reduce(1, *)]
    }

    public func forward(_ input: Tensor, into output: inout Tensor, training: Bool,
                        using generator: inout some RandomNumberGenerator) {
        checkBatch(input, inputShape, "input")
        output.resize(to: [input.batchSize] + outputShape)
        output.scalars.withUnsafeMutableBufferPointer { y in
            input.scalars.withUnsafeBufferPointer { x in _ = y.update(fromContentsOf: x) }
        }
    }

    public func backward(input: Tensor, output: Tensor, outputGradient: Tensor,
                         inputGradient: inout Tensor, computeInputGradient: Bool) {
        checkBatch(outputGradient, outputShape, "output gradient")
        guard computeInputGradient else { return }
        inputGradient.resize(to: input.shape)
        inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
            outputGradient.scalars.withUnsafeBufferPointer { dy in _ = dx.update(fromContentsOf: dy) }
        }
    }
}
