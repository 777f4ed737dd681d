import Foundation
import Testing
import TensorCore
import Datasets
@testable import NeuralNet

/// One training step's gradients of the whole tutorial model (without its Dropout layers)
/// against TensorFlow's, from Keras's trained weights and the first 16 bundled images
/// (Fixtures/keras-tutorial-gradients.json, made by tools/generate_tutorial_gradients.py).
@Suite("Keras reference values: the tutorial model's gradients")
struct KerasTutorialGradientTests {
    struct Reference: Decodable {
        struct Gradient: Decodable {
            let name: String
            let shape: [Int]
            let sumOfSquares: Double
            /// Positions (row-major) of `values` when only a sample is stored; else all values.
            let indices: [Int]?
            let values: [Float]
        }

        let images: Int
        let labels: [Int]
        let loss: Float
        let gradients: [Gradient]
    }

    @Test("Loss and every weight's gradient match TensorFlow")
    func gradients() throws {
        let reference = try JSONDecoder().decode(Reference.self,
                                                 from: fixture("keras-tutorial-gradients.json"))
        let model = try KerasTutorialTests.tutorialModelWithKerasWeights(dropout: false)
        let sample = try FashionMNIST.sample()
        let labels = sample.labelBatch(0..<reference.images).map(Int32.init)
        try #require(labels.map(Int.init) == reference.labels)

        model.zeroGradients()
        var generator = SplitMix64(seed: 1)
        let logits = model.trainingLogits(sample.imageBatch(0..<reference.images), using: &generator)
        var logitGradient = Tensor.empty
        let loss = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: labels,
                                                       gradient: &logitGradient).loss
        model.backward(logitGradient: logitGradient)
        #expect(abs(loss - reference.loss) <= 1e-5 * reference.loss,
                "loss \(loss), TensorFlow \(reference.loss)")

        let parameters = model.layers.flatMap { layer in
            layer.parameters.map { ("\(layer.name).\($0.name)", $0) }
        }
        try #require(parameters.map(\.0) == reference.gradients.map(\.name))
        for ((name, parameter), expected) in zip(parameters, reference.gradients) {
            let gradient = parameter.gradient
            try #require(gradient.shape == expected.shape, "\(name): \(gradient.shape) vs \(expected.shape)")
            let positions = expected.indices ?? Array(gradient.scalars.indices)
            let actual = Tensor(shape: [positions.count], scalars: positions.map { gradient.scalars[$0] })
            expectMatchesReference(actual, Tensor(shape: [positions.count], scalars: expected.values),
                                   tolerance: 2e-6, "dL/d\(name)")
            let sumOfSquares = gradient.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }
            #expect(abs(sumOfSquares - expected.sumOfSquares) <= 1e-4 * expected.sumOfSquares,
                    "dL/d\(name): sum of squares \(sumOfSquares), TensorFlow \(expected.sumOfSquares)")
        }
    }
}
