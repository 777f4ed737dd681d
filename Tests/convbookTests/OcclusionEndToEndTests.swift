import Foundation
import Testing

/// `occlusion 0 patch=7 numbers` on the Keras-exported tutorial weights, through the binary,
/// against the grid TensorFlow computed (tools/generate_occlusion_reference.py, which also
/// checks it against plain numpy).
@Suite struct OcclusionEndToEndTests {
    struct Reference: Decodable {
        let image: Int
        let patch: Int
        let predictedClass: Int
        let probability: Double
        let drops: [[Double]]
    }

    @Test func theGridEqualsTensorFlows() throws {
        let root = LessonProcess.packageRoot
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf:
            root.appendingPathComponent("Tests/convbookTests/Fixtures/occlusion-keras-image0-patch7.json")))
        let weights = root.appendingPathComponent("Tests/NeuralNetTests/Fixtures/keras-tutorial-weights.safetensors").path
        let result = try LessonProcess.run(["-c", "model tutorial", "-c", "load \(weights)",
                                            "-c", "occlusion \(reference.image) patch=\(reference.patch) numbers"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(String(format: "the model says Ankle boot (%.1f%%)", reference.probability * 100)),
                "\(result.output)")
        #expect(reference.predictedClass == 9)
        let lines = result.output.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("drops in percentage points") }, "\(result.output)")
        #expect(lines[header + 1].split(separator: " ") == ["1-7", "8-14", "15-21", "22-28"])
        for (row, expected) in reference.drops.enumerated() {
            let cells = lines[header + 2 + row].split(separator: " ").map(String.init)
            #expect(cells.first == "\(row * 7 + 1)-\(row * 7 + 7)")
            let printed = cells.dropFirst().compactMap(Double.init)
            #expect(printed.count == 4, "\(lines[header + 2 + row])")
            for (value, truth) in zip(printed, expected) {
                // One decimal printed: within half a unit of the last digit, plus float noise.
                #expect(abs(value - truth) <= 0.05 + 1e-3, "row \(row + 1): convbook \(printed), TensorFlow \(expected)")
            }
        }
    }
}
