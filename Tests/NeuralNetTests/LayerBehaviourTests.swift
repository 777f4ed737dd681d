import Testing
import TensorCore
@testable import NeuralNet

/// The tutorial's model: 28x28x1 -> conv 32/64/128 (3x3, stride 2, relu) -> flatten ->
/// dropout 0.2 -> dense 512 relu -> dropout 0.2 -> dense 10 softmax.
func tutorialModel(seed: UInt64 = 1) throws -> Sequential {
    var generator = SplitMix64(seed: seed)
    let model = Sequential(inputShape: [28, 28, 1])
    for filters in [32, 64, 128] {
        model.add(try Conv2D(filters: filters, kernelSize: 3, stride: 2, activation: .relu,
                             inputShape: model.outputShape, using: &generator))
    }
    model.add(try Flatten(inputShape: model.outputShape))
    model.add(try Dropout(rate: 0.2, inputShape: model.outputShape))
    model.add(try Dense(units: 512, activation: .relu, inputShape: model.outputShape, using: &generator))
    model.add(try Dropout(rate: 0.2, inputShape: model.outputShape))
    model.add(try Dense(units: 10, activation: .softmax, inputShape: model.outputShape, using: &generator))
    return model
}

@Suite struct LayerBehaviourTests {
    @Test func tutorialModelHasKerasCountsNamesAndShapes() throws {
        let model = try tutorialModel()
        #expect(model.layers.map(\.parameterCount) == [320, 18_496, 73_856, 0, 0, 262_656, 0, 5_130])
        #expect(model.parameterCount == 360_458)
        #expect(model.layers.map(\.name) == ["conv2d", "conv2d_1", "conv2d_2", "flatten", "dropout", "dense", "dropout_1", "dense_1"])
        #expect(model.layers.map(\.outputShape) == [[13, 13, 32], [6, 6, 64], [2, 2, 128], [512], [512], [512], [512], [10]])
        #expect((model.layers[1] as? Conv2D)?.kernel.value.shape == [3, 3, 32, 64])
        #expect((model.layers[5] as? Dense)?.kernel.value.shape == [512, 512])
    }

    @Test func glorotUniformStaysWithinKerasBounds() throws {
        #expect(GlorotUniform.fans(of: [3, 3, 32, 64]) == (288, 576))
        #expect(GlorotUniform.fans(of: [512, 10]) == (512, 10))
        let model = try tutorialModel()
        for layer in model.layers {
            guard let kernel = layer.parameters.first, let bias = layer.parameters.last else { continue }
            let (fanIn, fanOut) = GlorotUniform.fans(of: kernel.value.shape)
            let limit = Float((6 / Double(fanIn + fanOut)).squareRoot())
            let largest = kernel.value.scalars.map(abs).max() ?? 0
            #expect(largest <= limit && largest > 0.95 * limit, "\(layer.name): largest |w| \(largest), limit \(limit)")
            let mean = kernel.value.scalars.reduce(0, +) / Float(kernel.value.count)
            #expect(abs(mean) < 0.1 * limit, "\(layer.name): mean \(mean)")
            #expect(bias.value.scalars.allSatisfy { $0 == 0 })
        }
    }

    /// The C mask (vector lanes, each draw from its index) against drawing in order from the
    /// Swift SplitMix64, at sizes with vector remainders.
    @Test(arguments: [1, 17, 1_003])
    func dropoutMaskIsTheSplitMix64Sequence(count: Int) throws {
        let layer = try Dropout(rate: 0.3, inputShape: [count])
        let input = GradientCheck.random([2, count], seed: 8)
        var generator = SplitMix64(seed: 9)
        var output = Tensor.empty
        layer.forward(input, into: &output, training: true, using: &generator)
        var seeds = SplitMix64(seed: 9)
        var draws = SplitMix64(seed: seeds.next())
        let keep: Float = 1 / (1 - 0.3)
        let expected = input.scalars.map { x in x * (draws.nextUnitFloat() < 0.3 ? 0 : keep) }
        #expect(output.scalars == expected)
    }

    @Test func dropoutScalesSurvivorsAndIsIdentityAtInference() throws {
        let layer = try Dropout(rate: 0.25, inputShape: [10_000])
        let input = Tensor(shape: [2, 10_000], repeating: 1)
        var generator = SplitMix64(seed: 3)
        var output = Tensor.empty
        layer.forward(input, into: &output, training: true, using: &generator)
        let dropped = output.scalars.filter { $0 == 0 }.count
        #expect(abs(Double(dropped) / 20_000 - 0.25) < 0.01, "dropped \(dropped) of 20000")
        #expect(output.scalars.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-6 })
        let mean = output.scalars.reduce(0, +) / 20_000
        #expect(abs(mean - 1) < 0.02, "mean \(mean)")
        layer.forward(input, into: &output, training: false, using: &generator)
        #expect(output == input)
    }

    @Test func softmaxCrossEntropyIsStableForHugeLogits() {
        let logits = Tensor(shape: [3, 3], scalars: [1e30, -1e30, 0,  3e38, 3e38, -3e38,  -1e20, -1e20, -1e20])
        var gradient = Tensor.empty
        let (loss, correct) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: [0, 1, 2], gradient: &gradient)
        // Per row: 0, ln 2 (two equal winners), ln 3 (three); the mean of those.
        let expected = Float((0 + 0.693_147_2 + 1.098_612_3) / 3.0)
        #expect(loss.isFinite && abs(loss - expected) < 1e-5, "loss \(loss), expected \(expected)")
        #expect(gradient.scalars.allSatisfy { $0.isFinite })
        #expect(correct == 1)  // ties go to the first class, so only row 0 counts
        for row in 0..<3 {
            let sum = (0..<3).reduce(Float(0)) { $0 + gradient.scalars[row * 3 + $1] }
            #expect(abs(sum) < 1e-6, "row \(row) gradient sums to \(sum)")
        }
    }

    @Test func softmaxOutputGivesProbabilitiesAtPredictTime() throws {
        let model = try tutorialModel()
        let input = GradientCheck.random([4, 28, 28, 1], seed: 4, scale: 0.5).scalars.map { abs($0) }
        let probabilities = model.predict(Tensor(shape: [4, 28, 28, 1], scalars: input))
        #expect(probabilities.shape == [4, 10])
        for row in 0..<4 {
            let sum = probabilities.scalars[row * 10..<row * 10 + 10].reduce(0, +)
            #expect(abs(sum - 1) < 1e-5)
        }
    }

    /// 20 filters exercise the bias and ReLU vector loops' remainder.
    @Test(arguments: [3, 4])
    func conv2DLayerMatchesDirectConvolutionPlusBias(channels: Int) throws {
        var generator = SplitMix64(seed: 5)
        let layer = try Conv2D(filters: 20, kernelSize: 3, stride: 2, padding: .same, activation: .relu,
                               inputShape: [9, 8, channels], using: &generator)
        layer.bias.value = GradientCheck.random([20], seed: 6)
        let input = GradientCheck.random([2, 9, 8, channels], seed: 7)
        var output = Tensor.empty
        layer.forward(input, into: &output, training: false, using: &generator)
        let direct = try Convolution.directConvolve(input, kernel: layer.kernel.value, stride: 2, padding: .same)
        #expect(output.shape == direct.shape)
        let expected = direct.scalars.enumerated().map { max($1 + layer.bias.value.scalars[$0 % 20], 0) }
        let worst = zip(output.scalars, expected).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-5)
    }

    @Test func layersRejectInputsThatDoNotFit() {
        var generator = SplitMix64(seed: 0)
        #expect(throws: ShapeError.self) { try Conv2D(filters: 4, kernelSize: 5, inputShape: [3, 3, 1], using: &generator) }
        #expect(throws: ShapeError.self) { try Conv2D(filters: 4, kernelSize: 3, inputShape: [10], using: &generator) }
        #expect(throws: ShapeError.self) { try Dense(units: 4, inputShape: [3, 3, 1], using: &generator) }
        #expect(throws: ShapeError.self) { try Dropout(rate: 1, inputShape: [3]) }
        #expect(throws: ShapeError.self) { try MaxPooling2D(poolSize: 4, inputShape: [3, 3, 2]) }
    }

    /// A convolution's backward writes its column gradient over the columns forward cached,
    /// so a second backward without a forward pass in between is refused rather than given a
    /// wrong kernel gradient; one that leaves the columns alone may be repeated.
    @Test func aConvolutionRunsOneBackwardThatOverwritesItsColumnsPerForward() async {
        let (layer, input, output) = Self.convolutionAfterForward()
        #expect(!layer.convolvesDirectly)
        let outputGradient = GradientCheck.random(output.shape, seed: 5)
        var inputGradient = Tensor.empty
        for _ in 0..<2 {  // parameter gradients only: the columns stay
            layer.backward(input: input, output: output, outputGradient: outputGradient,
                           inputGradient: &inputGradient, computeInputGradient: false)
        }
        layer.backward(input: input, output: output, outputGradient: outputGradient,
                       inputGradient: &inputGradient, computeInputGradient: true)
        #expect(inputGradient.shape == input.shape)
        await #expect(processExitsWith: .failure) {
            let (layer, input, output) = LayerBehaviourTests.convolutionAfterForward()
            let outputGradient = GradientCheck.random(output.shape, seed: 5)
            var inputGradient = Tensor.empty
            for _ in 0..<2 {
                layer.backward(input: input, output: output, outputGradient: outputGradient,
                               inputGradient: &inputGradient, computeInputGradient: true)
            }
        }
    }

    /// A 3x3 stride-2 convolution on four channels (a window of 36: the im2col path) after one
    /// forward pass: the layer, its input and its output.
    static func convolutionAfterForward() -> (Conv2D, Tensor, Tensor) {
        var generator = SplitMix64(seed: 3)
        let layer = try! Conv2D(filters: 4, kernelSize: 3, stride: 2, activation: .relu, inputShape: [7, 7, 4],
                                using: &generator)
        let input = GradientCheck.random([2, 7, 7, 4], seed: 4)
        var output = Tensor.empty
        layer.forward(input, into: &output, training: true, using: &generator)
        return (layer, input, output)
    }
}
