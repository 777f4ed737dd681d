import Datasets
import Foundation
import NeuralNet
import TensorCore
import Testing
@testable import Notebook

/// The tutorial's model (360,458 parameters), built from its `add` lines as `model tutorial` does.
func tutorialModel() throws -> Sequential {
    let workspace = Workspace()
    try workspace.build(from: Workspace.tutorialArchitecture)
    return try workspace.requireModel()
}

@Suite struct InspectTests {
    @Test func summaryDetailsOfTheTutorialModel() throws {
        let rows = SummaryDetails.rows(try tutorialModel())
        #expect(rows.map(\.formula) == [
            "(3*3*1 + 1) * 32 = 320", "(3*3*32 + 1) * 64 = 18,496", "(3*3*64 + 1) * 128 = 73,856",
            "0", "0", "(512 + 1) * 512 = 262,656", "0", "(512 + 1) * 10 = 5,130",
        ])
        #expect(rows.map(\.receptiveField) == [3, 7, 15, nil, nil, nil, nil, nil])
        #expect(rows.map(\.multiplyAdds) == [13 * 13 * 32 * 9, 6 * 6 * 64 * 9 * 32, 2 * 2 * 128 * 9 * 64, 0, 0, 512 * 512, 0, 5120])
        #expect(rows.reduce(0) { $0 + $1.parameters } == 360_458)
        let lines = SummaryDetails.lines(try tutorialModel(), capabilities: .plain)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.hasPrefix("total") && $0.contains("360,458") && $0.hasSuffix("1,274,400") })
        #expect(lines.last!.contains("7.6 MFLOP"))
    }

    @Test func filtersOfTheFirstLayerAreItsKernels() throws {
        let model = try tutorialModel()
        let conv = try #require(model.layers[0] as? Conv2D)
        let kernel = conv.kernel.value.scalars  // [3, 3, 1, 32]
        let map = FilterGallery.map(of: conv, filter: 5)
        #expect(map.values == (0..<9).map { kernel[$0 * 32 + 5] })
        let lines = FilterGallery.pictureLines(conv, capabilities: .plain)
        #expect(lines.allSatisfy { $0.count <= 80 })
        // 32 framed tiles 8 columns wide, gap 1: 9 a row, so 4 rows of 5 lines, 3 blank lines between.
        #expect(lines.count == 2 + 4 * 5 + 3)
        #expect(lines[2].hasPrefix("+-1----+ +-2----+ +-3----+"))
        #expect(lines[2 + 3 * 6].hasPrefix("+-28---+"))
        let numbers = FilterGallery.numberLines(conv, capabilities: .plain)
        #expect(numbers.contains { $0.hasPrefix("filter 1") })
        #expect(numbers.joined().contains(NumberGrid.format(kernel[5], decimals: 2)))
    }

    @Test func deeperFiltersAreAveragedOverChannels() throws {
        let model = try tutorialModel()
        let conv = try #require(model.layers[1] as? Conv2D)
        let kernel = conv.kernel.value.scalars  // [3, 3, 32, 64]
        let map = FilterGallery.map(of: conv, filter: 63)
        var sum: Float = 0
        for channel in 0..<32 { sum += kernel[channel * 64 + 63] }  // row 0, column 0
        let expected = sum / 32
        #expect(abs(map.values[0] - expected) < 1e-6)
        #expect(FilterGallery.heading(conv, number: 2).last!.contains("mean"))
    }

    @Test func featureMapsAreTheLayersChannels() throws {
        let activation = Tensor(shape: [1, 2, 2, 3], scalars: (0..<12).map(Float.init))
        let maps = FeatureMapGallery.maps(of: activation)
        #expect(maps.count == 3)
        #expect(maps[1].values == [1, 4, 7, 10])
        let flat = FeatureMapGallery.maps(of: Tensor(shape: [1, 40], scalars: (0..<40).map(Float.init)))
        #expect(flat.count == 1 && flat[0].rows == 2 && flat[0].columns == 32)
        #expect(FeatureMapGallery.scale(of: maps[1]) == .fixed(0...10))
        #expect(FeatureMapGallery.scale(of: PixelMap(rows: 1, columns: 2, values: [-1, 2])) == .fixed(-1...2))
    }

    @Test func topClassesAreRankedWithBars() {
        let probabilities = TopClasses.probabilities(fromLogits: [0, 3, 1, -2, 0, 0, 0, 0, 0, 1000])
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-5)
        #expect(probabilities[9] > 0.999)
        let lines = TopClasses.lines([0.05, 0.1, 0.7, 0.15, 0, 0, 0, 0, 0, 0], capabilities: .plain)
        #expect(lines == [
            "  1. Pullover   70.0%  " + String(repeating: "#", count: 21),
            "  2. Dress      15.0%  #####",
            "  3. Trouser    10.0%  ###",
        ])
    }

    @Test func mistakesAreTheFirstWrongPredictions() throws {
        #expect(MistakeGallery.mistakes(trueLabels: [1, 2, 3, 4, 5], predictedLabels: [1, 0, 3, 0, 0], limit: 2) == [1, 3])
        let sample = try FashionMNIST.sample().prefix(3)
        var probabilities = [Float](repeating: 0, count: 30)
        probabilities[1 * 10 + 6] = 0.61
        let lines = MistakeGallery.lines([1], images: sample, predictedLabels: [9, 6, 1], probabilities: probabilities,
                                         classCount: 10, capabilities: .plain)
        #expect(lines.count == 30 + 2)
        #expect(lines[30] == "#1 Pullover")
        #expect(lines[31] == "taken for Shirt 61%")
    }
}
