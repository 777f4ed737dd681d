import TensorCore

/// Keras's `Sequential`: layers applied one after another, each fed the previous one's output.
///
/// The model owns the activations of the last forward pass (`activations[i]` is the input of
/// layer `i`, `activations[layers.count]` the output) and the gradients of the last backward
/// pass, reusing their storage from step to step.
///
/// Training treats the final output as logits for the fused softmax cross-entropy; a final
/// `Dense` with softmax is run without its softmax for that, and with it for `predict`.
public final class Sequential {
    /// The shape of one example, without the batch dimension (`[28, 28, 1]`).
    public let inputShape: [Int]
    public private(set) var layers: [any Layer] = []

    private var activations: [Tensor] = [.empty]
    private var gradients: [Tensor] = [.empty]

    /// When set, training passes (`trainingLogits`, `backward`) add each layer's time to it.
    var budget: TrainingBudget?

    public init(inputShape: [Int]) {
        precondition(inputShape.allSatisfy { $0 > 0 } && !inputShape.isEmpty, "Sequential: bad input shape \(inputShape)")
        self.inputShape = inputShape
    }

    /// The shape one example has after the last layer.
    public var outputShape: [Int] { layers.last?.outputShape ?? inputShape }

    /// Every learnable tensor, layer by layer, kernel before bias.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// The number of learnable scalars (360,458 for the tutorial's model).
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// Appends `layer`, which must have been built for `outputShape`, and names it as Keras
    /// would: the first `conv2d`, then `conv2d_1`, `conv2d_2`, ...
    public func add(_ layer: any Layer) {
        precondition(layer.inputShape == outputShape,
                     "Sequential.add: \(layer.typeName) built for input \(layer.inputShape), the model outputs \(outputShape)")
        let earlier = layers.filter { $0.baseName == layer.baseName }.count
        layer.name = earlier == 0 ? layer.baseName : "\(layer.baseName)_\(earlier)"
        layers.append(layer)
        activations.append(.empty)
        gradients.append(.empty)
    }

    /// Draws new initial values for every parameter, layer by layer.
    public func initializeParameters(using generator: inout some RandomNumberGenerator) {
        for layer in layers { layer.initializeParameters(using: &generator) }
    }

    /// Clears every parameter's accumulated gradient.
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
    }

    /// The model's predictions for `input` `[N] + inputShape`: `[N] + outputShape`
    /// (probabilities when the model ends with a softmax). Dropout is off.
    public func predict(_ input: Tensor) -> Tensor {
        var unused = SplitMix64(seed: 0)
        return run(input, through: layers.count, training: false, logits: false, using: &unused)
    }

    /// The output of layer `index` (0-based) for `input`, in inference mode: what the
    /// `features` command draws.
    public func activation(of input: Tensor, throughLayer index: Int) -> Tensor {
        precondition(layers.indices.contains(index), "Sequential.activation: no layer \(index) in \(layers.count)")
        var unused = SplitMix64(seed: 0)
        return run(input, through: index + 1, training: false, logits: false, using: &unused)
    }

    /// The logits for `input` (the output before a final softmax), in inference mode.
    public func logits(_ input: Tensor) -> Tensor {
        var unused = SplitMix64(seed: 0)
        return run(input, through: layers.count, training: false, logits: true, using: &unused)
    }

    /// The forward pass of a training step: logits for `input`, with dropout drawing from
    /// `generator`. Caches the activations for `backward`.
    public func trainingLogits(_ input: Tensor, using generator: inout some RandomNumberGenerator) -> Tensor {
        run(input, through: layers.count, training: true, logits: true, using: &generator)
    }

    /// Backpropagates `logitGradient` (the loss gradient for the output of the last
    /// `trainingLogits`), adding every parameter's gradient. The first layer's input gradient
    /// is not computed. Releases the cached input afterwards. `layerDone(index)` is called as
    /// soon as layer `index` has finished, from the last layer down: its parameters' gradients
    /// are complete and it reads its parameters no more.
    public func backward(logitGradient: Tensor, layerDone: ((Int) -> Void)? = nil) {
        precondition(!layers.isEmpty, "Sequential.backward: the model has no layers")
        gradients[layers.count] = logitGradient
        for index in layers.indices.reversed() {
            let start = ContinuousClock.now
            defer { budget?.backward[index] += TrainingBudget.seconds(since: start) }
            var inputGradient = Tensor.take(&gradients[index])
            let layer = layers[index]
            if index == layers.count - 1, let dense = layer as? Dense {
                dense.backwardFromLogits(input: activations[index], logits: activations[index + 1],
                                         logitGradient: gradients[index + 1],
                                         inputGradient: &inputGradient, computeInputGradient: index > 0)
            } else {
                layer.backward(input: activations[index], output: activations[index + 1],
                               outputGradient: gradients[index + 1],
                               inputGradient: &inputGradient, computeInputGradient: index > 0)
            }
            gradients[index] = inputGradient
            layerDone?(index)
        }
        gradients[layers.count] = .empty
        activations[0] = .empty
    }

    private func run(_ input: Tensor, through count: Int, training: Bool, logits: Bool,
                     using generator: inout some RandomNumberGenerator) -> Tensor {
        precondition(input.exampleShape == inputShape && input.shape.count == inputShape.count + 1,
                     "Sequential: input has shape \(input.shape), expected [N] + \(inputShape)")
        activations[0] = input
        for index in 0..<count {
            let start = ContinuousClock.now
            defer { if training { budget?.forward[index] += TrainingBudget.seconds(since: start) } }
            var output = Tensor.take(&activations[index + 1])
            if logits, index == layers.count - 1, let dense = layers[index] as? Dense {
                dense.forwardLogits(activations[index], into: &output)
            } else {
                layers[index].forward(activations[index], into: &output, training: training, using: &generator)
            }
            activations[index + 1] = output
        }
        if !training { activations[0] = .empty }
        return activations[count]
    }
}
