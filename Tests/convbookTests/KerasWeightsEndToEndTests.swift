import Foundation
import Testing

/// The learner's path for a model trained in Keras: `model tutorial`, `load` the file
/// tools/export_keras_weights.py wrote, `evaluate` — through the real binary. The accuracy
/// and loss must be Keras's (tools/keras_tutorial.py recorded them beside the weights in
/// Tests/NeuralNetTests/Fixtures; NeuralNetTests compares every prediction).
@Suite struct KerasWeightsEndToEndTests {
    static let fixtures = LessonProcess.packageRoot.appendingPathComponent("Tests/NeuralNetTests/Fixtures")

    /// What Keras measured, from keras-tutorial-predictions.json.
    struct KerasResults: Decodable {
        let images: Int
        let sampleAccuracy: Double
        let testImages: Int
        let testCorrect: Int
        let testLoss: Double
    }

    @Test func kerasWeightsLoadIntoTheTutorialModelAndEvaluateAsInKeras() throws {
        let keras = try JSONDecoder().decode(KerasResults.self, from: Data(contentsOf:
            Self.fixtures.appendingPathComponent("keras-tutorial-predictions.json")))
        let weights = Self.fixtures.appendingPathComponent("keras-tutorial-weights.safetensors").path
        let result = try LessonProcess.run(["-c", "model tutorial", "-c", "load \(weights)", "-c", "evaluate"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("loaded 10 tensors (360,458 parameters)"), "\(result.output)")

        // The full test set when installed, else the bundled 1,000 images.
        let evaluation = try #require(result.output.split(separator: "\n").first { $0.hasPrefix("accuracy: ") },
                                      "no evaluation line in:\n\(result.output)")
        if evaluation.contains("(\(keras.testImages) test images") {
            let expected = String(format: "accuracy: %.4f - loss: %.4f",
                                  Double(keras.testCorrect) / Double(keras.testImages), keras.testLoss)
            #expect(evaluation.hasPrefix(expected), "convbook: \(evaluation); Keras: \(expected)")
        } else {
            #expect(evaluation.contains("(\(keras.images) test images"), "\(evaluation)")
            #expect(evaluation.hasPrefix(String(format: "accuracy: %.4f", keras.sampleAccuracy)),
                    "convbook: \(evaluation); Keras: \(keras.sampleAccuracy) on the bundled sample")
        }
    }
}
