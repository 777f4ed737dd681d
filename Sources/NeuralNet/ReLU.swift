import TensorCore

/// Keras's `ReLU` layer: `y = max(x, 0)`, any shape. Backward: `dx = dy * (y > 0)`.
public final class ReLU: Layer {
    public let typeName = "ReLU"
    public let baseName = "re_lu"
    public var name = "re_lu"
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }

    public init(inputShape: [Int]) throws {
        guard !inputShape.isEmpty else { throw ShapeError("ReLU needs an input shape; add input first") }
        self.inputShape = inputShape
    }

    public func forward(_ input: Tensor, into output: inout Tensor, training: Bool,
                        using generator: inout some RandomNumberGenerator) {
        checkBatch(input, inputShape, "input")
        output.resize(to: input.shape)
        output.scalars.withUnsafeMutableBufferPointer { y in
            input.scalars.withUnsafeBufferPointer { x in
                for index in 0..<x.count { y[index] = max(x[index], 0) }
            }
        }
    }

    public func backward(input: Tensor, output: Tensor, outputGradient: Tensor,
                         inputGradient: inout Tensor, computeInputGradient: Bool) {
        checkBatch(outputGradient, outputShape, "output gradient")
        guard computeInputGradient else { return }
        inputGradient.resize(to: input.shape)
        inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
            output.scalars.withUnsafeBufferPointer { y in
                outputGradient.scalars.withUnsafeBufferPointer { dy in
                    for index in 0..<dy.count { dx[index] = y[index] > 0 ? dy[index] : 0 }
                }
            }
        }
    }
}
