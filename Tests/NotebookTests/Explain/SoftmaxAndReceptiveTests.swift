import Foundation
import NeuralNet
import TensorCore
import Testing
@testable import Notebook

@Suite struct SoftmaxAndReceptiveTests {
    @Test func softmaxOfTheIssuesExample() {
        let steps = SoftmaxSteps(scores: [2, 1, 0.1])
        #expect(steps.probabilities.map { ($0 * 1000).rounded() / 1000 } == [0.659, 0.242, 0.099])
        #expect(abs(steps.loss(label: 1) - 1.417) < 5e-4)
        let harness = ModelSession()
        let text = harness.run("softmax 2 1 0.1 label=1")
        for part in ["0.6590", "0.2424", "0.09857", "1.517", "-ln 0.2424 = 1.417", "overflow"] {
            #expect(text.contains(part), "missing \(part) in:\n\(text)")
        }
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(text)")
    }

    /// Huge scores stay finite thanks to the shift; the loss of a probability that
    /// underflows is still finite; ten equal scores give ln 10.
    @Test func softmaxIsStable() {
        let huge = SoftmaxSteps(scores: [1000, 999, -1e6])
        #expect(huge.probabilities.allSatisfy(\.isFinite) && abs(huge.probabilities.reduce(0, +) - 1) < 1e-12)
        #expect(abs(huge.loss(label: 2) - (1e6 + 1000 + Foundation.log(1 + Foundation.exp(-1)))) < 1e-6)
        #expect(abs(SoftmaxSteps(scores: [Double](repeating: 3, count: 10)).loss(label: 4) - Foundation.log(10)) < 1e-12)
        let harness = ModelSession()
        for command in ["softmax", "softmax 1 x", "softmax 1 2 label=2", "softmax 1 nan", "softmax 1 2 lable=1"] {
            let text = harness.run(command)
            #expect(!harness.lastSucceeded && text.hasPrefix("error: softmax: "), "\(command): \(text)")
        }
    }

    @Test func receptiveFieldsOfTheTutorialsLayers() throws {
        let model = try ExplainTests.model(Workspace.tutorialArchitecture)
        let sizes = try (0..<3).map { try ReceptiveField(model: model, layerIndex: $0, row: 0, column: 0).size }
        #expect(sizes == [3, 7, 15])
        let deep = try ReceptiveField(model: model, layerIndex: 2, row: 1, column: 1)
        #expect(deep.rows == 8...22 && deep.columns == 8...22)
        let corner = try ReceptiveField(model: model, layerIndex: 0, row: 12, column: 12)
        #expect(corner.rows == 24...26, "valid stride 2 never reads row 28")
        #expect(try ReceptiveField(model: model, layerIndex: 5, row: 0, column: 0).isWholeInput)
        #expect(throws: CommandError.self) { try ReceptiveField(model: model, layerIndex: 2, row: 2, column: 0) }
        // With 'same' padding the region is clipped to the image.
        let padded = try ExplainTests.model(ExplainTests.unusualLayers)
        let clipped = try ReceptiveField(model: padded, layerIndex: 0, row: 0, column: 0)
        #expect(clipped.fullRows == -1...3 && clipped.rows == 0...3)
    }

    @Test func receptiveCommandExplainsAndBoxes() throws {
        let harness = ModelSession()
        let text = harness.run("receptive 3 2 2 0")
        #expect(harness.lastSucceeded, "\(text)")
        let prose = text.replacingOccurrences(of: "\n", with: " ")
        for part in ["using the tutorial's layers", "rows 9-23, columns 9-23: 15x15 pixels", "1 + (3-1)*1 = 3",
                     "3 + (3-1)*2 = 7", "7 + (3-1)*4 = 15", "4*2 = 8"] {
            #expect(prose.contains(part), "missing \(part) in:\n\(text)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(text)")
        // The frame's first picture row is line `top`; the box sits on rows 8 and 24, columns 8 and 24
        // (1-based), one outside the region, inside the picture frame (one more column).
        let top = try #require(lines.firstIndex { $0.hasPrefix("+---") }) + 1
        #expect(Array(lines[top + 7])[8] == "+" && Array(lines[top + 7])[24] == "+", "\(lines[top + 7])")
        #expect(Array(lines[top + 15])[8] == "|" && Array(lines[top + 23])[24] == "+", "\(text)")
    }
}
