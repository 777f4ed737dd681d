import Foundation
import Testing

/// `explain` through the real binary, off a terminal, with the tutorial's Keras-trained weights
/// loaded: the cells TensorFlow computed (tools/generate_explain_cells.py wrote them into
/// Tests/NeuralNetTests/Fixtures/keras-explain-cells.json) print TensorFlow's values.
@Suite struct KerasExplainEndToEndTests {
    struct Fixture: Decodable {
        struct Cell: Decodable {
            let layer: Int, row: Int, column: Int, filter: Int
            let preActivation: Double, activation: Double
        }
        let image: Int
        let cells: [Cell]
    }

    /// The number after `label` on the line that starts with it (spaces collapsed).
    static func value(after label: String, in output: String) -> Double? {
        output.split(separator: "\n").lazy
            .map { $0.split(separator: " ").joined(separator: " ") }
            .first { $0.hasPrefix(label + " ") }
            .flatMap { Double($0.dropFirst(label.count + 1).split(separator: " ").first ?? "") }
    }

    @Test func explainPrintsTensorFlowsValuesForTheKerasWeights() throws {
        let fixtures = KerasWeightsEndToEndTests.fixtures
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf:
            fixtures.appendingPathComponent("keras-explain-cells.json")))
        let weights = fixtures.appendingPathComponent("keras-tutorial-weights.safetensors").path
        let commands = fixture.cells.map { "explain \($0.layer) \($0.row) \($0.column) \($0.filter) \(fixture.image)" }
        #expect(commands.first == "explain 1 1 1 1 0")
        for (cell, command) in zip(fixture.cells, commands) {
            let result = try LessonProcess.run(["-c", "model tutorial", "-c", "load \(weights)", "-c", command])
            #expect(result.status == 0, "\(result.output)")
            let output = result.output
            for part in ["window, channel", "x kernel, filter \(cell.filter)", "+ bias", "= pre-activation", "ReLU: max(0, "] {
                #expect(output.contains(part), "\(command): no '\(part)' in:\n\(output)")
            }
            let pre = try #require(Self.value(after: "= pre-activation", in: output), "\(output)")
            let engine = try #require(output.components(separatedBy: "The engine computed ").last?
                .split(separator: " ").first.flatMap { Double($0) }, "\(output)")
            // Four significant digits of TensorFlow's values.
            #expect(abs(pre - cell.preActivation) <= 5e-4 * abs(cell.preActivation), "\(command): \(pre) vs TensorFlow \(cell.preActivation)")
            #expect(abs(engine - cell.activation) <= 5e-4 * abs(cell.activation), "\(command): \(engine) vs TensorFlow \(cell.activation)")
            let explanation = try #require(output.components(separatedBy: "\ntest image ").last)
            #expect(explanation.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(explanation)")
        }
    }
}
