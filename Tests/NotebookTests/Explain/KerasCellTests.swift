import Datasets
import Foundation
import NeuralNet
import TensorCore
import Testing
@testable import Notebook

/// `explain` and `predict`'s scores with the Keras-trained weights, against TensorFlow's values
/// for the same cells (Tests/NeuralNetTests/Fixtures/keras-explain-cells.json, written by
/// tools/generate_explain_cells.py).
@Suite struct KerasCellTests {
    struct Fixture: Decodable {
        struct Cell: Decodable {
            let layer: Int, row: Int, column: Int, filter: Int
            let preActivation: Double, activation: Double
        }
        let image: Int
        let label: Int
        let cells: [Cell]
        let logits: [Double]
        let probabilities: [Double]
    }

    static let fixtures: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Explain, NotebookTests, Tests
        return url.appendingPathComponent("NeuralNetTests/Fixtures")
    }()

    static func load() throws -> (Fixture, ModelSession) {
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: fixtures.appendingPathComponent("keras-explain-cells.json")))
        let harness = ModelSession()
        let output = harness.run("model tutorial", "load \(fixtures.appendingPathComponent("keras-tutorial-weights.safetensors").path)")
        #expect(harness.lastSucceeded, "\(output)")
        return (fixture, harness)
    }

    @Test func cellsEqualTensorFlows() throws {
        let (fixture, harness) = try Self.load()
        let model = try harness.workspace.requireModel()
        let image = try FashionMNIST.sample().imageBatch([fixture.image])
        #expect(fixture.cells.count == 2)
        for expected in fixture.cells {
            let layerIndex = expected.layer - 1
            let conv = try #require(model.layers[layerIndex] as? Conv2D)
            let (input, output) = ModelCell.inputAndOutput(of: model, layerIndex: layerIndex, image: image)
            let cell = ConvolutionCell(layer: conv, cell: ModelCell(layerIndex: layerIndex, row: expected.row - 1,
                                                                    column: expected.column - 1, filter: expected.filter - 1),
                                       input: input, output: output)
            let (pre, activation, engine) = (cell.preActivation, cell.activation, cell.engineValue)
            let (kerasPre, kerasActivation) = (expected.preActivation, expected.activation)
            #expect(abs(pre - kerasPre) < 1e-5, "layer \(expected.layer): convbook \(pre), TensorFlow \(kerasPre)")
            #expect(abs(activation - kerasActivation) < 1e-5, "layer \(expected.layer): convbook \(activation), TensorFlow \(kerasActivation)")
            #expect(abs(engine - kerasActivation) < 1e-5, "layer \(expected.layer): engine \(engine), TensorFlow \(kerasActivation)")
        }
        // The printed numbers (4 significant digits) are TensorFlow's, rounded.
        let first = fixture.cells[0]
        let text = harness.run("explain \(first.layer) \(first.row) \(first.column) \(first.filter) \(fixture.image)")
        let lines = text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("= pre-activation \(SignificantDigits.format(first.preActivation))"), "\(text)")
        #expect(lines.contains("+ bias \(SignificantDigits.format(first.preActivation))"), "the window is black: all bias\n\(text)")
        #expect(lines.contains { $0.hasPrefix("ReLU: max(0, ") && $0.hasSuffix(") 0 (negative: clipped to 0)") }, "\(text)")
        #expect(text.contains("The engine computed \(SignificantDigits.format(first.activation)) for this cell"), "\(text)")
    }

    @Test func predictShowsTensorFlowsLogitsAndTheLoss() throws {
        let (fixture, harness) = try Self.load()
        let text = harness.run("predict \(fixture.image)")
        #expect(harness.lastSucceeded, "\(text)")
        #expect(text.contains("The last layer's 10 scores (logits)"), "\(text)")
        let lines = text.split(separator: "\n")
        let header = try #require(lines.firstIndex { $0.hasPrefix("  class ") }, "\(text)")
        let rows = lines[(header + 1)...].prefix(10)
        try #require(rows.count == 10, "\(text)")
        for (row, (logit, probability)) in zip(rows, zip(fixture.logits, fixture.probabilities)) {
            let fields = row.split(separator: " ").map { String($0) }
            let numbers = fields.compactMap { Double($0) }.dropFirst()  // the class number first
            try #require(numbers.count == 3, "\(row)")
            #expect(abs(numbers[numbers.startIndex] - logit) <= 5e-4 * max(1, abs(logit)), "\(row) vs logit \(logit)")
            #expect(abs(numbers.last! - probability) <= 5e-4 * probability + 1e-9, "\(row) vs p \(probability)")
        }
        let loss = -Foundation.log(fixture.probabilities[fixture.label])
        #expect(text.contains("loss for the true class \(fixture.label): -ln ") && text.contains("= \(SignificantDigits.format(loss))"), "\(text)")
    }
}
