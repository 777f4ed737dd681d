import TensorCore

/// One layer of a `Sequential` model, with forward and backward passes over whole batches.
///
/// Shapes: `inputShape` and `outputShape` are per example (no batch dimension); tensors passed
/// to `forward` and `backward` carry the batch first, `[N] + inputShape` -> `[N] + outputShape`.
///
/// Buffers: `forward` writes into `output` and `backward` into `inputGradient`, resizing them
/// when the batch size changes; the model keeps those tensors between steps, so a training
/// loop at a fixed batch size allocates nothing after its first step. Layers keep their own
/// scratch buffers (im2col columns, dropout masks) the same way.
public protocol Layer: AnyObject {
    /// Keras's class name, as `summary` shows it: `Conv2D`, `Dense`.
    var typeName: String { get }
    /// The stem of Keras's automatic names: `conv2d` gives `conv2d`, `conv2d_1`, ...
    var baseName: String { get }
    /// This layer's name in its model (set by `Sequential.add`).
    var name: String { get set }
    var inputShape: [Int] { get }
    var outputShape: [Int] { get }
    /// The learnable tensors, in Keras's order (kernel, then bias).
    var parameters: [Parameter] { get }

    /// Draws fresh initial values for the parameters (Keras's defaults).
    func initializeParameters(using generator: inout some RandomNumberGenerator)

    /// `[N] + inputShape` -> `[N] + outputShape`. `training` turns on dropout; `generator`
    /// supplies its randomness. Caches what `backward` needs beyond the input and output.
    func forward(_ input: Tensor, into output: inout Tensor, training: Bool,
                 using generator: inout some RandomNumberGenerator)

    /// Given the forward pass's `input` and `output` and the loss gradient with respect to the
    /// output, adds the parameter gradients into `parameters[i].gradient` and, when
    /// `computeInputGradient`, overwrites `inputGradient` with the gradient for the input.
    /// At most once per forward pass: a layer may reuse what forward cached as scratch.
    func backward(input: Tensor, output: Tensor, outputGradient: Tensor,
                  inputGradient: inout Tensor, computeInputGradient: Bool)
}

extension Layer {
    public var parameters: [Parameter] { [] }
    public func initializeParameters(using generator: inout some RandomNumberGenerator) {}

    /// The number of learnable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// Stops with a message that prints both shapes unless `tensor` is a batch of `expected`.
    func checkBatch(_ tensor: Tensor, _ expected: [Int], _ what: String) {
        precondition(tensor.exampleShape == expected && tensor.shape.count == expected.count + 1,
                     "\(name) (\(typeName)): \(what) has shape \(tensor.shape), expected [N] + \(expected)")
    }
}
