import Testing
import TensorCore
@testable import NeuralNet

/// Every layer's backward pass against central finite differences.
@Suite struct LayerGradientTests {
    @Test(arguments: [(Padding.valid, 2, 3), (.same, 1, 3), (.same, 2, 4), (.valid, 1, 2), (.same, 3, 5)])
    func conv2DLinear(padding: Padding, stride: Int, kernelSize: Int) throws {
        var generator = SplitMix64(seed: 1)
        let layer = try Conv2D(filters: 3, kernelSize: kernelSize, stride: stride, padding: padding,
                               inputShape: [7, 6, 2], using: &generator)
        layer.bias.value = GradientCheck.random([3], seed: 2)
        GradientCheck.check(layer, input: GradientCheck.random([2, 7, 6, 2], seed: 3))
    }

    /// One channel like the tutorial's first layer, with 20 filters (the bias and ReLU loops'
    /// vector remainder), and four channels. Linear: with a fused ReLU, some of the 360
    /// pre-activations sit within epsilon of the kink and central differences straddle it.
    @Test(arguments: [(1, 20), (4, 3)])
    func conv2DChannelsAndFilters(channels: Int, filters: Int) throws {
        var generator = SplitMix64(seed: 17)
        let layer = try Conv2D(filters: filters, kernelSize: 3, stride: 2,
                               inputShape: [7, 7, channels], using: &generator)
        layer.bias.value = GradientCheck.random([filters], seed: 18, scale: 0.1)
        GradientCheck.check(layer, input: GradientCheck.random([2, 7, 7, channels], seed: 19))
    }

    @Test func conv2DWithFusedReLU() throws {
        var generator = SplitMix64(seed: 4)
        let layer = try Conv2D(filters: 4, kernelSize: 3, stride: 2, activation: .relu, inputShape: [9, 9, 3], using: &generator)
        layer.bias.value = GradientCheck.random([4], seed: 5, scale: 0.1)
        GradientCheck.check(layer, input: GradientCheck.random([2, 9, 9, 3], seed: 6))
    }

    @Test(arguments: [Activation.linear, .relu, .softmax])
    func dense(activation: Activation) throws {
        var generator = SplitMix64(seed: 7)
        let layer = try Dense(units: 5, activation: activation, inputShape: [6], using: &generator)
        layer.bias.value = GradientCheck.random([5], seed: 8)
        GradientCheck.check(layer, input: GradientCheck.random([3, 6], seed: 9))
    }

    @Test func flatten() throws {
        GradientCheck.check(try Flatten(inputShape: [3, 2, 4]), input: GradientCheck.random([2, 3, 2, 4], seed: 10))
    }

    @Test func reLU() throws {
        GradientCheck.check(try ReLU(inputShape: [4, 3]), input: GradientCheck.random([2, 4, 3], seed: 11))
    }

    @Test func dropoutInTraining() throws {
        GradientCheck.check(try Dropout(rate: 0.4, inputShape: [20]), input: GradientCheck.random([3, 20], seed: 12))
    }

    @Test(arguments: [Padding.valid, .same])
    func maxPooling(padding: Padding) throws {
        GradientCheck.check(try MaxPooling2D(poolSize: 2, padding: padding, inputShape: [5, 5, 3]),
                            input: GradientCheck.random([2, 5, 5, 3], seed: 13))
    }

    @Test func softmaxCrossEntropyGradient() {
        let logits = GradientCheck.random([4, 10], seed: 14, scale: 3)
        let labels: [Int32] = [0, 3, 9, 3]
        var gradient = Tensor.empty
        _ = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: labels, gradient: &gradient)
        var perturbed = logits
        let epsilon: Float = 1e-2
        var worst: Float = 0
        for index in logits.scalars.indices {
            perturbed.scalars[index] += epsilon
            let plus = SoftmaxCrossEntropy.loss(logits: perturbed, labels: labels).loss
            perturbed.scalars[index] -= 2 * epsilon
            let minus = SoftmaxCrossEntropy.loss(logits: perturbed, labels: labels).loss
            perturbed.scalars[index] += epsilon
            worst = max(worst, abs((plus - minus) / (2 * epsilon) - gradient.scalars[index]))
        }
        #expect(worst < 1e-3, "largest error \(worst)")
    }

    @Test func wholeModelGradient() throws {
        // A small model with every kind of layer; the loss is the fused softmax cross-entropy.
        var generator = SplitMix64(seed: 15)
        let model = Sequential(inputShape: [8, 8, 1])
        model.add(try Conv2D(filters: 3, kernelSize: 3, stride: 2, padding: .same, inputShape: [8, 8, 1], using: &generator))
        model.add(try MaxPooling2D(poolSize: 2, inputShape: model.outputShape))
        model.add(try Flatten(inputShape: model.outputShape))
        model.add(try Dense(units: 6, inputShape: model.outputShape, using: &generator))
        model.add(try Dense(units: 4, activation: .softmax, inputShape: model.outputShape, using: &generator))
        let input = GradientCheck.random([3, 8, 8, 1], seed: 16)
        let labels: [Int32] = [1, 0, 3]
        func loss() -> Double {
            var unused = SplitMix64(seed: 0)
            return Double(SoftmaxCrossEntropy.loss(logits: model.trainingLogits(input, using: &unused), labels: labels).loss)
        }
        model.zeroGradients()
        var unused = SplitMix64(seed: 0)
        var logitGradient = Tensor.empty
        _ = SoftmaxCrossEntropy.lossAndGradient(logits: model.trainingLogits(input, using: &unused), labels: labels, gradient: &logitGradient)
        model.backward(logitGradient: logitGradient)
        let epsilon: Float = 1e-3
        for parameter in model.parameters {
            var worst = 0.0
            let largest = max(parameter.gradient.scalars.map { abs(Double($0)) }.max() ?? 0, 1e-3)
            for index in parameter.value.scalars.indices {
                parameter.value.scalars[index] += epsilon
                let plus = loss()
                parameter.value.scalars[index] -= 2 * epsilon
                let minus = loss()
                parameter.value.scalars[index] += epsilon
                worst = max(worst, abs((plus - minus) / (2 * Double(epsilon)) - Double(parameter.gradient.scalars[index])))
            }
            #expect(worst / largest < 2e-3, "\(parameter.name) \(parameter.value.shape): largest error \(worst), largest gradient \(largest)")
        }
    }
}
