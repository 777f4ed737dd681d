import Testing
import TensorCore
@testable import NeuralNet

/// Softmax cross-entropy, Adam, SGD with momentum and the Glorot-uniform limits against the
/// values TensorFlow/Keras computed (Fixtures/keras-layer-references.json).
@Suite("Keras reference values: loss, optimizers, initializer")
struct KerasLossAndOptimizerTests {
    @Test("Softmax + sparse categorical cross-entropy: loss and dL/dlogits",
          arguments: KerasReferences.shared.softmaxCrossEntropy)
    func softmaxCrossEntropy(_ reference: KerasReferences.SoftmaxCrossEntropyCase) {
        let labels = reference.labels.map(Int32.init)
        var gradient = Tensor.empty
        let result = SoftmaxCrossEntropy.lossAndGradient(logits: reference.logits.tensor,
                                                         labels: labels, gradient: &gradient)
        #expect(abs(result.loss - reference.loss) <= 1e-5 * (1 + abs(reference.loss)),
                "\(reference.name): loss \(result.loss), Keras \(reference.loss)")
        expectMatchesReference(gradient, reference.logitsGradient.tensor, tolerance: 1e-6,
                               "\(reference.name) dL/dlogits")
        #expect(SoftmaxCrossEntropy.loss(logits: reference.logits.tensor, labels: labels).loss
                == result.loss)

        var probabilities = reference.logits.tensor
        let classes = probabilities.shape[1]
        probabilities.scalars.withUnsafeMutableBufferPointer { rows in
            for row in 0..<probabilities.shape[0] {
                Softmax.normalize(rows.baseAddress! + row * classes, count: classes)
            }
        }
        expectMatchesReference(probabilities, reference.probabilities.tensor, tolerance: 1e-6,
                               "\(reference.name) softmax")
    }

    @Test("Optimizer steps match Keras", arguments: KerasReferences.shared.optimizers)
    func optimizer(_ reference: KerasReferences.OptimizerCase) throws {
        let config = reference.config
        let optimizer: any Optimizer
        if reference.name.hasPrefix("adam") {
            let beta1 = try #require(config.beta1), beta2 = try #require(config.beta2)
            let epsilon = try #require(config.epsilon)
            optimizer = Adam(learningRate: config.learningRate, beta1: beta1, beta2: beta2,
                             epsilon: epsilon)
        } else {
            let momentum = try #require(config.momentum)
            optimizer = SGD(learningRate: config.learningRate, momentum: momentum)
        }
        let parameters = zip(["kernel", "bias"], reference.initial).map {
            Parameter(name: $0, value: $1.tensor)
        }
        for (step, gradients) in reference.gradients.enumerated() {
            for (parameter, gradient) in zip(parameters, gradients) {
                parameter.gradient = gradient.tensor
            }
            optimizer.update(parameters)
            for (index, parameter) in parameters.enumerated() {
                expectMatchesReference(parameter.value, reference.after[step][index].tensor,
                                       tolerance: 1e-6,
                                       "\(reference.name) step \(step + 1) \(parameter.name)")
            }
        }
        #expect(optimizer.iterations == reference.gradients.count)
    }

    @Test("Glorot-uniform fans and limits of the tutorial's kernels")
    func glorotUniform() {
        for reference in KerasReferences.shared.glorotUniform {
            let fans = GlorotUniform.fans(of: reference.shape)
            #expect(fans.fanIn == reference.fanIn && fans.fanOut == reference.fanOut,
                    "\(reference.name): fans \(fans), Keras \(reference.fanIn), \(reference.fanOut)")
            let limit = GlorotUniform.limit(fanIn: fans.fanIn, fanOut: fans.fanOut)
            #expect(abs(limit - reference.limit) <= 1e-7, "\(reference.name): limit \(limit), Keras \(reference.limit)")
            var generator = SplitMix64(seed: 7)
            let kernel = GlorotUniform.kernel(shape: reference.shape, using: &generator)
            let largest = kernel.scalars.map(abs).max() ?? 0
            #expect(largest <= reference.limit && largest > 0.95 * reference.limit,
                    "\(reference.name): largest |value| \(largest), limit \(reference.limit)")
        }
    }
}
