import Foundation
import NeuralNet
import TensorCore
import Testing
@testable import Notebook

@Suite struct OcclusionTests {
    /// A random 28x28 image, 0-1.
    static func image(seed: UInt64) -> [Float] {
        var generator = SplitMix64(seed: seed)
        return (0..<784).map { _ in Float.random(in: 0...1, using: &generator) }
    }

    /// The softmax probability of `label` for one image, by the model alone.
    static func probability(_ model: Sequential, _ image: [Float], _ label: Int) -> Double {
        let logits = model.logits(Tensor(shape: [1, 28, 28, 1], scalars: image)).scalars.map(Double.init)
        let largest = logits.max()!
        let exponentials = logits.map { exp($0 - largest) }
        return exponentials[label] / exponentials.reduce(0, +)
    }

    @Test(arguments: [(7, 4), (4, 7), (5, 6), (28, 1), (1, 28)])
    func everyDropIsThePredictionOfItsOwnOccludedImage(patch: Int, side: Int) throws {
        let model = try tutorialModel()
        let image = Self.image(seed: UInt64(patch))
        let map = OcclusionMap.compute(image: image, rows: 28, columns: 28, patch: patch, model: model, batchSize: 1000)
        #expect(map.rows == side && map.columns == side && map.drops.count == side * side)
        let original = (0..<10).map { Self.probability(model, image, $0) }
        #expect(map.predictedClass == original.indices.max { original[$0] < original[$1] })
        #expect(abs(map.probability - original[map.predictedClass]) < 1e-6)
        // Spot-check positions, including the last one, cut off by the edge when 28 % patch != 0.
        for position in Set([0, side * side / 2, side * side - 1]) {
            let row = position / side, column = position % side
            var occluded = image
            for y in map.pixelRows(row) { for x in map.pixelColumns(column) { occluded[y * 28 + x] = 0 } }
            let expected = 100 * (original[map.predictedClass] - Self.probability(model, occluded, map.predictedClass))
            #expect(abs(map[row, column] - expected) < 1e-3, "patch \(patch) at (\(row), \(column)): \(map[row, column]) vs \(expected)")
        }
        #expect(map.pixelRows(side - 1).upperBound == 28 && map.pixelColumns(side - 1).upperBound == 28)
    }

    @Test func batchesOfAnySizeGiveTheSameMap() throws {
        let model = try tutorialModel()
        let image = Self.image(seed: 9)
        let whole = OcclusionMap.compute(image: image, rows: 28, columns: 28, patch: 4, model: model, batchSize: 50)
        let pieces = OcclusionMap.compute(image: image, rows: 28, columns: 28, patch: 4, model: model, batchSize: 3)
        #expect(zip(whole.drops, pieces.drops).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test func theHeatMapGivesEachPixelItsPatchsDrop() {
        let map = OcclusionMap(patch: 5, imageRows: 28, imageColumns: 28, rows: 6, columns: 6, predictedClass: 9,
                               probability: 0.9, drops: (0..<36).map(Double.init))
        let pixels = map.pixelMap
        #expect(pixels[0, 0] == 0 && pixels[4, 4] == 0 && pixels[0, 5] == 1 && pixels[27, 27] == 35 && pixels[25, 0] == 30)
        #expect(OcclusionReport.span(map.pixelRows(5)) == "26-28")
        let grid = OcclusionReport.grid(map, width: 80)
        #expect(grid[0] == "         1-5   6-10  11-15  16-20  21-25  26-28")
        #expect(grid[6] == "26-28   30.0   31.0   32.0   33.0   34.0   35.0")
    }

    @Test func aWideGridIsSplitIntoBandsThatFit() {
        let map = OcclusionMap(patch: 1, imageRows: 28, imageColumns: 28, rows: 28, columns: 28, predictedClass: 0,
                               probability: 0.5, drops: (0..<784).map { Double($0) / 10 - 3 })
        let grid = OcclusionReport.grid(map, width: 80)
        #expect(grid.allSatisfy { $0.count <= 80 }, "\(grid.joined(separator: "\n"))")
        #expect(grid.count == 3 * 29 + 2)  // three bands of columns, 10 + 10 + 8
        #expect(grid[0].hasPrefix("       1     2") && grid[0].hasSuffix("   10") && grid[30].hasSuffix("   20") && grid[60].hasSuffix("   28"))
        #expect(!grid.joined().contains("-0.0"))
    }

    @Test(arguments: [
        ("occlusion 0 patch=0", "error: occlusion: patch must be between 1 and 28, got '0'"),
        ("occlusion 0 patch=29", "error: occlusion: patch must be between 1 and 28, got '29'"),
        ("occlusion 0 words", "error: occlusion: unexpected argument 'words' (allowed here: numbers)"),
        ("occlusion 5000", "error: occlusion: INDEX must be between 0 and 999, got '5000'"),
        ("occlusion /nonexistent/shoe.png", "error: occlusion: /nonexistent/shoe.png:"),
        ("occlusion 0 stride=2", "error: occlusion: unknown option 'stride='"),
    ])
    func mistakesAreCleanErrors(line: String, expected: String) {
        let session = ModelSession()
        session.run("model tutorial")
        let output = session.run(line)
        #expect(output.hasPrefix(expected), "\(output)")
        #expect(!session.lastSucceeded)
    }

    @Test func needsAClassifier() {
        let session = ModelSession()
        #expect(session.run("occlusion 0").hasPrefix("error: occlusion: no model yet"))
    }

    @Test func theReportFitsEightyColumnsAndNamesTheClass() {
        let session = ModelSession()
        session.run("model tutorial")
        let output = session.run("occlusion 3 numbers")
        #expect(session.lastSucceeded, "\(output)")
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(output)")
        #expect(output.contains("A 4x4 patch of zeros at 49 positions (stride 4)"))
        #expect(output.contains("+-image-") && output.contains("+-drop-"))
        #expect(output.contains("  1-4    5-8   9-12  13-16"), "\(output)")
        #expect(output.contains("(not trained yet"))
    }
}
