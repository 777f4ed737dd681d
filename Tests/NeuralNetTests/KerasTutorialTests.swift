import Foundation
import Testing
import TensorCore
import Datasets
@testable import NeuralNet

/// The tutorial model with weights Keras trained (2 epochs, seed 1) and exported with
/// tools/export_keras_weights.py gives Keras's predictions: the same class for every bundled
/// image, probabilities within 1e-5 (3.6e-7 measured), and, with the full data installed,
/// Keras's test accuracy to the image. Fixtures: keras-tutorial-weights.safetensors and
/// keras-tutorial-predictions.json (tools/keras_tutorial.py).
@Suite("Keras-trained weights in convbook")
struct KerasTutorialTests {
    /// What tools/keras_tutorial.py wrote about Keras's predictions.
    struct Predictions: Decodable {
        let images: Int
        let sampleAccuracy: Double
        let testImages: Int
        let testCorrect: Int
        let classes: [Int]
        let testClasses: [Int]
        let probabilities: [[Float]]
    }

    static let fullTestDirectory = "/usr/share/datasets/fashion-mnist"
    static var fullTestSetIsPresent: Bool {
        FileManager.default.fileExists(atPath: fullTestDirectory + "/t10k-images-idx3-ubyte.gz")
    }

    @Test("The bundled 1,000 images: Keras's class for each, probabilities within 1e-5")
    func samplePredictions() throws {
        let expected = try JSONDecoder().decode(Predictions.self,
                                                from: fixture("keras-tutorial-predictions.json"))
        let sample = try FashionMNIST.sample()
        try #require(sample.count == expected.images)
        let model = try Self.tutorialModelWithKerasWeights()
        let probabilities = model.predict(sample.imageBatch(0..<sample.count))
        let keras = Tensor(shape: [expected.images, 10], scalars: expected.probabilities.flatMap { $0 })
        expectMatchesReference(probabilities, keras, tolerance: 1e-5, "probabilities")

        let classes = Self.argmax(probabilities)
        let differing = classes.indices.filter { classes[$0] != expected.classes[$0] }
        #expect(differing.isEmpty, """
            \(differing.count) images classified differently from Keras, first: \
            \(differing.prefix(5).map { "image \($0): \(classes[$0]) vs \(expected.classes[$0])" })
            """)
        let correct = zip(classes, sample.labelBatch(0..<sample.count)).filter { $0 == $1 }.count
        #expect(Double(correct) / Double(sample.count) == expected.sampleAccuracy)
    }

    @Test("The full test set: Keras's accuracy to the image",
          .enabled(if: fullTestSetIsPresent, "needs /usr/share/datasets/fashion-mnist"))
    func fullTestAccuracy() throws {
        let expected = try JSONDecoder().decode(Predictions.self,
                                                from: fixture("keras-tutorial-predictions.json"))
        let test = try LabeledImages(imagesAt: Self.fullTestDirectory + "/t10k-images-idx3-ubyte.gz",
                                     labelsAt: Self.fullTestDirectory + "/t10k-labels-idx1-ubyte.gz")
        try #require(test.count == expected.testImages)
        let model = try Self.tutorialModelWithKerasWeights()
        var classes: [Int] = []
        for start in stride(from: 0, to: test.count, by: 500) {
            classes += Self.argmax(model.predict(test.imageBatch(start..<min(start + 500, test.count))))
        }
        let labels = test.labelBatch(0..<test.count)
        let correct = zip(classes, labels).filter { $0 == $1 }.count
        let differing = classes.indices.filter { classes[$0] != expected.testClasses[$0] }
        #expect(correct == expected.testCorrect,
                "convbook \(correct) correct of \(test.count), Keras \(expected.testCorrect)")
        #expect(differing.isEmpty, "images classified differently from Keras: \(differing.prefix(10))")
    }

    /// The tutorial model, built as the tutorial's Keras code builds it (without its Dropout
    /// layers if `dropout` is false), with the fixture's weights loaded by name and shape.
    static func tutorialModelWithKerasWeights(dropout: Bool = true) throws -> Sequential {
        var generator = SplitMix64(seed: 1)
        let model = Sequential(inputShape: [28, 28, 1])
        model.add(try Conv2D(filters: 32, kernelSize: 3, stride: 2, activation: .relu,
                             inputShape: model.outputShape, using: &generator))
        model.add(try Conv2D(filters: 64, kernelSize: 3, stride: 2, activation: .relu,
                             inputShape: model.outputShape, using: &generator))
        model.add(try Conv2D(filters: 128, kernelSize: 3, stride: 2, activation: .relu,
                             inputShape: model.outputShape, using: &generator))
        model.add(try Flatten(inputShape: model.outputShape))
        if dropout { model.add(try Dropout(rate: 0.2, inputShape: model.outputShape)) }
        model.add(try Dense(units: 512, activation: .relu, inputShape: model.outputShape, using: &generator))
        if dropout { model.add(try Dropout(rate: 0.2, inputShape: model.outputShape)) }
        model.add(try Dense(units: 10, activation: .softmax, inputShape: model.outputShape, using: &generator))

        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let file = try SafetensorsFile(
            contentsOf: url.appendingPathComponent("keras-tutorial-weights.safetensors").path)
        #expect(file.metadata.isEmpty, "a plain Keras export has no __metadata__")
        for layer in model.layers {
            for parameter in layer.parameters {
                let name = "\(layer.name).\(parameter.name)"
                let tensor = try #require(file[name], "\(name) missing from the Keras export")
                try #require(tensor.shape == parameter.value.shape,
                             "\(name): Keras \(tensor.shape), convbook \(parameter.value.shape)")
                parameter.value = tensor
            }
        }
        #expect(file.names.count == model.parameters.count)
        return model
    }

    /// The index of the largest value of each row of `[N, K]` probabilities.
    static func argmax(_ probabilities: Tensor) -> [Int] {
        let classes = probabilities.shape[1]
        return (0..<probabilities.shape[0]).map { row in
            var best = 0
            for column in 1..<classes
            where probabilities.scalars[row * classes + column] > probabilities.scalars[row * classes + best] {
                best = column
            }
            return best
        }
    }
}
