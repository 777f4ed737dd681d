import TensorCore

/// Keras's `Conv2D`: a learned `[KH, KW, C, F]` kernel slid over NHWC input, plus a bias per
/// filter, with an optional fused ReLU.
///
/// Shapes: `[N, H, W, C]` -> `[N, OH, OW, F]`, with `OH, OW` from `ConvolutionGeometry`
/// (`valid`: `(H - KH) / stride + 1`; `same`: `ceil(H / stride)`, padding as TensorFlow splits it).
///
/// Forward: `columns = im2col(x)` `[N * OH * OW, KH * KW * C]`, `z = columns * kernel + bias`,
/// `y = relu(z)` if fused. The columns are cached for backward.
/// Backward: `dz = dy * (y > 0)`, `dKernel += columns^T * dz`, `dBias += sum over rows of dz`,
/// `dx = col2im(dz * kernel^T)`, the product written over the columns, which `dKernel` has
/// used (one buffer instead of two keeps a step's data in the core's cache: conv2d_1 of the
/// tutorial, 663 KB per 16 images).
/// A window of at most `directWindowLimit` scalars (3x3 on one channel) runs the forward pass
/// and `dKernel` as direct loops instead (`Conv2D+Direct.swift`), without columns (the buffer
/// then holds only the column gradient, when an input gradient is asked for).
public final class Conv2D: Layer {
    public let typeName = "Conv2D"
    public let baseName = "conv2d"
    public var name = "conv2d"
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let filters: Int
    public let geometry: ConvolutionGeometry
    public let activation: Activation
    /// `[KH, KW, C, F]`.
    public let kernel: Parameter
    /// `[F]`.
    public let bias: Parameter
    public var parameters: [Parameter] { [kernel, bias] }

    /// Whether forward and the kernel gradient run as direct loops rather than im2col + GEMM:
    /// windows of at most `directWindowLimit` scalars. Tests turn it off to compare the paths.
    var convolvesDirectly: Bool

    /// The im2col matrix of the last forward pass, `[N * OH * OW, KH * KW * C]`, until backward
    /// overwrites it with its gradient (so a forward pass precedes each backward pass).
    private var columns: [Float] = []
    /// Whether `columns` holds the last forward pass's im2col matrix (not yet overwritten).
    private var columnsHoldInput = false
    /// Scratch for backward: the gradient before the ReLU, `[N * OH * OW, F]`.
    private var preActivationGradient: [Float] = []

    /// A conv layer over examples of `inputShape` `[H, W, C]`; throws if the window does not fit.
    public init(filters: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .valid,
                activation: Activation = .linear, inputShape: [Int],
                using generator: inout some RandomNumberGenerator) throws {
        guard inputShape.count == 3 else {
            throw ShapeError("Conv2D needs a [height, width, channels] input, got \(inputShape.count)-D \(inputShape); add input first")
        }
        guard filters > 0 else { throw ShapeError("filters must be at least 1, got \(filters)") }
        guard activation != .softmax else { throw ShapeError("Conv2D supports linear or relu activation, not softmax") }
        geometry = try ConvolutionGeometry(inputHeight: inputShape[0], inputWidth: inputShape[1], channels: inputShape[2],
                                           kernelHeight: kernelSize, kernelWidth: kernelSize, stride: stride, padding: padding)
        self.filters = filters
        self.activation = activation
        self.inputShape = inputShape
        outputShape = [geometry.outputHeight, geometry.outputWidth, filters]
        convolvesDirectly = geometry.windowCount <= Self.directWindowLimit
        kernel = Parameter(name: "kernel", value: Tensor(shape: [kernelSize, kernelSize, inputShape[2], filters]))
        bias = Parameter(name: "bias", value: Tensor(shape: [filters]))
        initializeParameters(using: &generator)
    }

    public func initializeParameters(using generator: inout some RandomNumberGenerator) {
        kernel.value = GlorotUniform.kernel(shape: kernel.value.shape, using: &generator)
        bias.value = Tensor(shape: [filters])
    }

    public func forward(_ input: Tensor, into output: inout Tensor, training: Bool,
                        using generator: inout some RandomNumberGenerator) {
        checkBatch(input, inputShape, "input")
        let batch = input.batchSize
        let rows = batch * geometry.outputPositions, window = geometry.windowCount
        output.resize(to: [batch] + outputShape)
        guard !convolvesDirectly else {
            if rows > 0 { forwardDirect(input, into: &output) }
            return
        }
        if columns.count != rows * window { columns = [Float](repeating: 0, count: rows * window) }
        columnsHoldInput = true
        guard rows > 0 else { return }
        input.scalars.withUnsafeBufferPointer { x in
            columns.withUnsafeMutableBufferPointer { Im2col.im2col(x, batch: batch, geometry: geometry, columns: $0) }
        }
        columns.withUnsafeBufferPointer { a in
            kernel.value.scalars.withUnsafeBufferPointer { w in
                output.scalars.withUnsafeMutableBufferPointer { y in
                    GEMM.multiply(m: rows, n: filters, k: window, a: a.baseAddress!, lda: window,
                                  b: w.baseAddress!, ldb: filters, c: y.baseAddress!, ldc: filters)
                    bias.value.scalars.withUnsafeBufferPointer { b in
                        BiasActivation.apply(bias: b, activation: activation, rows: rows, to: y)
                    }
                }
            }
        }
    }

    public func backward(input: Tensor, output: Tensor, outputGradient: Tensor,
                         inputGradient: inout Tensor, computeInputGradient: Bool) {
        checkBatch(outputGradient, outputShape, "output gradient")
        let batch = input.batchSize
        let rows = batch * geometry.outputPositions, window = geometry.windowCount
        precondition(convolvesDirectly || (columnsHoldInput && columns.count == rows * window),
                     "\(name): backward without a forward pass of batch \(batch)")
        guard rows > 0 else { return }
        if convolvesDirectly && !computeInputGradient {
            // The first layer: the ReLU mask, dBias and dKernel in one pass, dz never stored.
            accumulateParameterGradientsDirect(input: input, output: activation == .relu ? output : nil,
                                               outputGradient: outputGradient)
            return
        }
        if preActivationGradient.count != rows * filters { preActivationGradient = [Float](repeating: 0, count: rows * filters) }
        preActivationGradient.withUnsafeMutableBufferPointer { dz in
            output.scalars.withUnsafeBufferPointer { y in
                outputGradient.scalars.withUnsafeBufferPointer { dy in
                    BiasActivation.gradient(activation: activation, output: y, outputGradient: dy, units: filters, into: dz)
                }
            }
            if convolvesDirectly {
                accumulateParameterGradientsDirect(input: input, preActivationGradient: UnsafeBufferPointer(dz))
            } else {
                BiasActivation.accumulateBiasGradient(UnsafeBufferPointer(dz), rows: rows, into: &bias.gradient)
                columns.withUnsafeBufferPointer { a in
                    kernel.gradient.scalars.withUnsafeMutableBufferPointer { dw in
                        GEMM.multiply(transposeA: true, m: window, n: filters, k: rows, a: a.baseAddress!, lda: window,
                                      b: dz.baseAddress!, ldb: filters, beta: 1, c: dw.baseAddress!, ldc: filters)
                    }
                }
            }
            guard computeInputGradient else { return }
            // dKernel has used the columns: their buffer takes their gradient (the direct loops
            // have none cached, so it is made here).
            if columns.count != rows * window { columns = [Float](repeating: 0, count: rows * window) }
            columnsHoldInput = false
            inputGradient.resize(to: input.shape)
            columns.withUnsafeMutableBufferPointer { dcolumns in
                kernel.value.scalars.withUnsafeBufferPointer { w in
                    GEMM.multiply(transposeB: true, m: rows, n: window, k: filters, a: dz.baseAddress!, lda: filters,
                                  b: w.baseAddress!, ldb: filters, c: dcolumns.baseAddress!, ldc: window)
                }
                inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
                    Im2col.col2im(UnsafeBufferPointer(dcolumns), batch: batch, geometry: geometry, input: dx)
                }
            }
        }
    }
}
