import Datasets
import Foundation
import NeuralNet
import TensorCore
import Testing
@testable import Notebook

/// `explain`'s term-by-term recomputation against the engine's own forward pass (what
/// `features` draws), on the tutorial's model and on one with padding, pooling and a linear
/// conv; and against TensorFlow's values for the Keras-trained weights.
@Suite struct ExplainTests {
    /// A model built from `add` lines, with every bias set to a seeded non-zero value so a
    /// dropped or misplaced bias shows.
    static func model(_ lines: [String], seed: UInt64 = 7) throws -> Sequential {
        let workspace = Workspace()
        try workspace.build(from: lines)
        let model = try workspace.requireModel()
        var generator = SplitMix64(seed: seed)
        for layer in model.layers {
            for parameter in layer.parameters where parameter.name == "bias" {
                parameter.value = Tensor(shape: parameter.value.shape,
                                         scalars: (0..<parameter.value.count).map { _ in Float.random(in: -0.2...0.2, using: &generator) })
            }
        }
        return model
    }

    static let unusualLayers = [
        "input 28 28 1", "conv 4 5 stride=2 padding=same", "maxpool 2", "conv 3 3 padding=same relu",
        "flatten", "dense 6 relu", "dense 10 softmax",
    ]

    static func image(_ index: Int) throws -> Tensor {
        try FashionMNIST.sample().imageBatch([index])
    }

    /// Every cell of every conv layer and every unit of every dense layer, for two images:
    /// the recomputed activation equals the engine's output.
    @Test(arguments: [false, true])
    func everyCellEqualsTheEnginesOutput(unusual: Bool) throws {
        let model = try Self.model(unusual ? Self.unusualLayers : Workspace.tutorialArchitecture)
        var checked = 0, positive = 0, negative = 0
        for imageIndex in [0, 7] {
            let image = try Self.image(imageIndex)
            for (layerIndex, layer) in model.layers.enumerated() {
                let (input, output) = ModelCell.inputAndOutput(of: model, layerIndex: layerIndex, image: image)
                if let conv = layer as? Conv2D {
                    let shape = conv.outputShape
                    for row in 0..<shape[0] { for column in 0..<shape[1] { for filter in stride(from: 0, to: shape[2], by: 5) {
                        let cell = ConvolutionCell(layer: conv, cell: ModelCell(layerIndex: layerIndex, row: row, column: column, filter: filter),
                                                   input: input, output: output)
                        #expect(abs(cell.activation - cell.engineValue) <= 1e-5 * max(1, abs(cell.engineValue)),
                                "layer \(layerIndex + 1) row \(row + 1) column \(column + 1) filter \(filter + 1): \(cell.activation) vs engine \(cell.engineValue)")
                        if cell.preActivation > 0 { positive += 1 } else { negative += 1 }
                        checked += 1
                    } } }
                } else if let dense = layer as? Dense {
                    for unit in 0..<dense.units {
                        let cell = DenseCell(layer: dense, unit: unit, input: input, output: output)
                        #expect(abs(cell.activation - cell.engineValue) <= 1e-5 * max(1, abs(cell.engineValue)),
                                "layer \(layerIndex + 1) unit \(unit + 1): \(cell.activation) vs engine \(cell.engineValue)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 500, "\(checked) cells")
        // Both signs of pre-activation (both sides of a ReLU) were exercised.
        #expect(positive > 50 && negative > 50, "\(positive) positive, \(negative) negative pre-activations")
    }

    /// With `same` padding the window of the first row and column reaches into the padding
    /// as TensorFlow splits it: 5x5, stride 2 on 28 pads 1 on top, 2 at the bottom.
    @Test func paddedWindowsStartWhereTensorFlowPutsThem() throws {
        let model = try Self.model(Self.unusualLayers)
        let conv = try #require(model.layers[0] as? Conv2D)
        let (input, output) = ModelCell.inputAndOutput(of: model, layerIndex: 0, image: try Self.image(0))
        let first = ConvolutionCell(layer: conv, cell: ModelCell(layerIndex: 0, row: 0, column: 0, filter: 0), input: input, output: output)
        #expect((first.top, first.left) == (-1, -1) && first.touchesPadding)
        #expect(first.channels[0].window.prefix(5).allSatisfy { $0 == 0 })
        let last = ConvolutionCell(layer: conv, cell: ModelCell(layerIndex: 0, row: 13, column: 13, filter: 0), input: input, output: output)
        #expect(last.top == 25 && last.touchesPadding)
        let text = first.lines(inputName: "the image", featuresCommand: "features 1 0", width: 80).joined(separator: "\n")
        #expect(text.contains("zero padding"), "\(text)")
    }

    /// `explain` off a terminal on an untrained tutorial model: every part named, every line
    /// within 80 columns, the printed activation the engine's.
    @Test func explainCommandShowsEveryStep() throws {
        let harness = ModelSession()
        harness.run("model tutorial")
        let text = harness.run("explain 2 4 5 3 1")
        #expect(harness.lastSucceeded, "\(text)")
        for part in ["window, channel", "x kernel, filter 3", "= products", "sum over all 32 channels", "+ bias",
                     "= pre-activation", "ReLU: max(0, ", "The engine computed", "the other 21 channels together",
                     "not trained yet"] {
            #expect(text.contains(part), "missing '\(part)' in:\n\(text)")
        }
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(text)")
        let dense = harness.run("explain dense_1 1 1 4 1").replacingOccurrences(of: "\n", with: " ")
        #expect(dense.contains("unit 4 of 10 (class 3, Dress)") && dense.contains("softmax: exp("), "\(dense)")
        // Flatten's order: the channel changes fastest.
        let relu = harness.run("explain 6 9 9 1 0")
        #expect(relu.contains(" of conv2d_2's output"), "\(relu)")
        for (command, message) in [("explain 4 1 1 1", "computes no weighted sums"), ("explain 1 14 1 1", "1-13"),
                                   ("explain 1 1 1 33", "FILTER must be between 1 and 32"), ("explain 1 1 1", "missing")] {
            let failure = harness.run(command)
            #expect(!harness.lastSucceeded && failure.contains(message), "\(command): \(failure)")
        }
    }

    @Test func flattenOriginsHaveTheChannelChangingFastest() throws {
        let model = try Self.model(Workspace.tutorialArchitecture)
        #expect(ModelCell.flatOrigin(of: 0, in: model, layerIndex: 5) == "r1 c1 ch1 of conv2d_2's output")
        #expect(ModelCell.flatOrigin(of: 1, in: model, layerIndex: 5) == "r1 c1 ch2 of conv2d_2's output")
        #expect(ModelCell.flatOrigin(of: 128, in: model, layerIndex: 5) == "r1 c2 ch1 of conv2d_2's output")
        #expect(ModelCell.flatOrigin(of: 511, in: model, layerIndex: 5) == "r2 c2 ch128 of conv2d_2's output")
        #expect(ModelCell.flatOrigin(of: 0, in: model, layerIndex: 7) == nil)
    }

    @Test func significantDigits() {
        #expect(SignificantDigits.format(0.00803393498) == "0.008034")
        #expect(SignificantDigits.format(-12.3456) == "-12.35")
        #expect(SignificantDigits.format(0.5) == "0.5000")
        #expect(SignificantDigits.format(1234.6) == "1235")
        #expect(SignificantDigits.format(0.0) == "0")
        #expect(SignificantDigits.format(2e-7) == "2.000e-07")
        #expect(SignificantDigits.signed(0.25) == "+0.2500")
    }
}

@Suite struct StrongestFilterTests {
    @Test func strongestPicksTheLargestOutput() throws {
        let output = Tensor(shape: [1, 1, 2, 3], scalars: [0.5, 2, 2, -1, 0, -0.5])
        #expect(ModelCell.strongest(in: output, at: 0, of: 3) == 1, "ties go to the first")
        #expect(ModelCell.strongest(in: output, at: 1, of: 3) == 1)
        let harness = ModelSession()
        harness.run("model tutorial")
        let text = harness.run("explain 1 1 1 strongest 0").replacingOccurrences(of: "\n", with: " ")
        #expect(harness.lastSucceeded && text.contains("(the strongest here)"), "\(text)")
        let failure = harness.run("explain 1 1 1 strong 0")
        #expect(!harness.lastSucceeded && failure.contains("FILTER must be a number"), "\(failure)")
    }
}
