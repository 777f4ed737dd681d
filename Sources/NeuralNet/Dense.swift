import TensorCore

/// Keras's `Dense`: `y = act(x * kernel + bias)` with a `[in, out]` kernel.
///
/// Shapes: `[N, in]` -> `[N, out]`.
/// Backward: `dz` from the activation (ReLU mask or softmax Jacobian), `dKernel += x^T * dz`,
/// `dBias += sum over rows of dz`, `dx = dz * kernel^T`.
///
/// A softmax output layer gives probabilities; `Sequential` trains it through
/// `forwardLogits`/`backwardFromLogits`, so the softmax is fused into the cross-entropy.
public final class Dense: Layer {
    public let typeName = "Dense"
    public let baseName = "dense"
    public var name = "dense"
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let units: Int
    public let activation: Activation
    /// `[in, out]`.
    public let kernel: Parameter
    /// `[out]`.
    public let bias: Parameter
    public var parameters: [Parameter] { [kernel, bias] }

    private var preActivationGradient: [Float] = []
    /// Scratch for backward: the input gradient transposed, `[in, N]`.
    private var transposedInputGradient: [Float] = []

    /// A dense layer over flat examples of `inputShape` `[in]`.
    public init(units: Int, activation: Activation = .linear, inputShape: [Int],
                using generator: inout some RandomNumberGenerator) throws {
        guard inputShape.count == 1 else {
            throw ShapeError("Dense needs a flat input, got \(inputShape); add flatten first")
        }
        guard units > 0 else { throw ShapeError("units must be at least 1, got \(units)") }
        self.units = units
        self.activation = activation
        self.inputShape = inputShape
        outputShape = [units]
        kernel = Parameter(name: "kernel", value: Tensor(shape: [inputShape[0], units]))
        bias = Parameter(name: "bias", value: Tensor(shape: [units]))
        initializeParameters(using: &generator)
    }

    public func initializeParameters(using generator: inout some RandomNumberGenerator) {
        kernel.value = GlorotUniform.kernel(shape: kernel.value.shape, using: &generator)
        bias.value = Tensor(shape: [units])
    }

    public func forward(_ input: Tensor, into output: inout Tensor, training: Bool,
                        using generator: inout some RandomNumberGenerator) {
        forward(input, into: &output, activation: activation)
    }

    /// The forward pass without the softmax: the logits the fused loss starts from.
    public func forwardLogits(_ input: Tensor, into output: inout Tensor) {
        forward(input, into: &output, activation: activation == .softmax ? .linear : activation)
    }

    public func backward(input: Tensor, output: Tensor, outputGradient: Tensor,
                         inputGradient: inout Tensor, computeInputGradient: Bool) {
        backward(input: input, output: output, outputGradient: outputGradient, activation: activation,
                 inputGradient: &inputGradient, computeInputGradient: computeInputGradient)
    }

    /// The backward pass of `forwardLogits`: `logitGradient` is the loss gradient for the logits.
    public func backwardFromLogits(input: Tensor, logits: Tensor, logitGradient: Tensor,
                                   inputGradient: inout Tensor, computeInputGradient: Bool) {
        backward(input: input, output: logits, outputGradient: logitGradient,
                 activation: activation == .softmax ? .linear : activation,
                 inputGradient: &inputGradient, computeInputGradient: computeInputGradient)
    }

    private func forward(_ input: Tensor, into output: inout Tensor, activation: Activation) {
        checkBatch(input, inputShape, "input")
        let batch = input.batchSize, inputs = inputShape[0]
        output.resize(to: [batch, units])
        guard batch > 0 else { return }
        input.scalars.withUnsafeBufferPointer { x in
            kernel.value.scalars.withUnsafeBufferPointer { w in
                output.scalars.withUnsafeMutableBufferPointer { y in
                    GEMM.multiply(m: batch, n: units, k: inputs, a: x.baseAddress!, lda: inputs,
                                  b: w.baseAddress!, ldb: units, c: y.baseAddress!, ldc: units)
                    bias.value.scalars.withUnsafeBufferPointer { b in
                        BiasActivation.apply(bias: b, activation: activation, rows: batch, to: y)
                    }
                }
            }
        }
    }

    private func backward(input: Tensor, output: Tensor, outputGradient: Tensor, activation: Activation,
                          inputGradient: inout Tensor, computeInputGradient: Bool) {
        checkBatch(outputGradient, outputShape, "output gradient")
        let batch = input.batchSize, inputs = inputShape[0]
        if preActivationGradient.count != batch * units { preActivationGradient = [Float](repeating: 0, count: batch * units) }
        guard batch > 0 else { return }
        preActivationGradient.withUnsafeMutableBufferPointer { dz in
            output.scalars.withUnsafeBufferPointer { y in
                outputGradient.scalars.withUnsafeBufferPointer { dy in
                    BiasActivation.gradient(activation: activation, output: y, outputGradient: dy, units: units, into: dz)
                }
            }
            BiasActivation.accumulateBiasGradient(UnsafeBufferPointer(dz), rows: batch, into: &bias.gradient)
            input.scalars.withUnsafeBufferPointer { x in
                kernel.gradient.scalars.withUnsafeMutableBufferPointer { dw in
                    GEMM.multiply(transposeA: true, m: inputs, n: units, k: batch, a: x.baseAddress!, lda: inputs,
                                  b: dz.baseAddress!, ldb: units, beta: 1, c: dw.baseAddress!, ldc: units)
                }
            }
            guard computeInputGradient else { return }
            // dx^T = kernel * dz^T, then transposed: with few rows (16 per core in the tutorial)
            // oneDNN runs this product about 1.4x faster than dx = dz * kernel^T.
            if transposedInputGradient.count != inputs * batch {
                transposedInputGradient = [Float](repeating: 0, count: inputs * batch)
            }
            inputGradient.resize(to: input.shape)
            transposedInputGradient.withUnsafeMutableBufferPointer { dxT in
                kernel.value.scalars.withUnsafeBufferPointer { w in
                    GEMM.multiply(transposeB: true, m: inputs, n: batch, k: units, a: w.baseAddress!, lda: units,
                                  b: dz.baseAddress!, ldb: units, c: dxT.baseAddress!, ldc: batch)
                }
                inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
                    for row in 0..<batch {
                        for column in 0..<inputs { dx[row * inputs + column] = dxT[column * batch + row] }
                    }
                }
            }
        }
    }
}
