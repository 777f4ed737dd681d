import Datasets
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NeuralNet
import TensorCore
import Testing
@testable import Notebook

/// Transcripts of the picture commands in plain mode (ASCII, no colour, 80 columns), run
/// through the interpreter as a learner types them.
@Suite struct PictureTranscriptTests {
    /// A harness with the first `count` bundled test images loaded as the test set.
    static func harness(testImages count: Int = 40) throws -> ReplHarness {
        let harness = ReplHarness()
        harness.session.workspace.testSet = try FashionMNIST.sample().prefix(count)
        return harness
    }

    static func expectPlain(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!output.contains("\u{1B}"), "no escape sequences in plain mode", sourceLocation: sourceLocation)
        #expect(output.unicodeScalars.allSatisfy { $0.isASCII }, "ASCII only in plain mode", sourceLocation: sourceLocation)
        let widest = output.split(separator: "\n").map(\.count).max() ?? 0
        #expect(widest <= 80, "a line is \(widest) characters", sourceLocation: sourceLocation)
    }

    @Test func showDrawsTheImageWithItsLabel() throws {
        let harness = ReplHarness()
        let (ok, output) = harness.run("show 0")
        #expect(ok)
        Self.expectPlain(output)
        #expect(output == """
            (no data loaded: using the 1,000 bundled test images; 'data' loads them all)
            test image 0: Ankle boot (label 9)
            +----------------------------+
            |                            |
            |                            |
            |                            |
            |                            |
            |                            |
            |                            |
            |                            |
            |                         .  |
            |                .-       =  |
            |                -+=     -=  |
            |               :+=+***+**+  |
            |               +++*****+++  |
            |              ===+*****+**  |
            |             -+--*+++**+**. |
            |            -+===*+++**+**= |
            |          .==-==+*+****++** |
            |        :-====+++****+*+++*.|
            |   :::-=+======+++*+**+***#:|
            | :--======+++==+*++=**++**#:|
            |:*+=-----=====++**#########.|
            | =*###**+===+##%%@%*@@@@@%%.|
            |    :=*##%%%%#+-    *%#***+ |
            |                            |
            |                            |
            |                            |
            |                            |
            |                            |
            |                            |
            +----------------------------+

            """)
    }

    @Test func showNumbersPrintsEveryPixel() throws {
        let harness = try Self.harness()
        let (ok, output) = harness.run("show 1 numbers")
        #expect(ok)
        Self.expectPlain(output)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "test image 1: Pullover (label 2)")
        // Two bands of 14 columns: a header and 28 rows each. Every pixel appears once.
        let pixels = Array(try FashionMNIST.sample().pixels(at: 1))
        let band1 = lines[2...29].map { ReplHarness.numbers(in: $0).dropFirst() }
        let band2 = lines[32...59].map { ReplHarness.numbers(in: $0).dropFirst() }
        for row in 0..<28 {
            #expect(Array(band1[row + 2 - 2]) + Array(band2[row]) == pixels[(row * 28)..<(row * 28 + 28)].map(Double.init),
                    "row \(row)")
        }
    }

    @Test func showInColourUsesHalfBlocks() throws {
        let colour = TerminalCapabilities(isInteractive: true, color: .trueColor, unicode: true, width: 80)
        let harness = ReplHarness(capabilities: colour)
        harness.session.workspace.testSet = try FashionMNIST.sample().prefix(5)
        let output = harness.run("show 0").output
        let pictureLines = output.split(separator: "\n").filter { $0.contains("▀") }
        #expect(pictureLines.count == 14)
        #expect(pictureLines.allSatisfy { $0.filter { $0 == "▀" }.count == 28 })
    }

    @Test func showErrors() throws {
        let harness = try Self.harness()
        #expect(harness.run("show 40").output.hasPrefix("error: show: INDEX must be between 0 and 39"))
        #expect(harness.run("show 0 train").output.hasPrefix("error: show: no training images loaded"))
        #expect(harness.run("show 0 sideways").output.hasPrefix("error: show: the set must be train or test, got 'sideways'"))
        #expect(harness.run("show").output.hasPrefix("error: show: missing"))
    }

    static let history: TrainingHistory = {
        var history = TrainingHistory()
        history.loss = [0.52, 0.36, 0.31, 0.28, 0.26]
        history.accuracy = [0.81, 0.87, 0.89, 0.90, 0.905]
        history.validationLoss = [0.41, 0.35, 0.33, 0.30, 0.31]
        history.validationAccuracy = [0.85, 0.87, 0.88, 0.89, 0.888]
        return history
    }()

    @Test func plotDrawsLossWithAxesAndLegend() throws {
        let harness = ReplHarness()
        #expect(harness.run("plot").output.hasPrefix("error: plot: no training history yet"))
        harness.session.workspace.history = Self.history
        let (ok, output) = harness.run("plot loss")
        #expect(ok)
        Self.expectPlain(output)
        #expect(output == """
            Training and validation loss
            0.55 +
                 |**
            0.50 +  **
                 |    ***
            0.45 +       **
                 |         **
            0.40 +ooooo      ***
                 |     oooooooo **
            0.35 +             ooooooooooooo
                 |                      ****oooooooooooooooo
            0.30 +                              ************oooooooooooooooooooooooooo
                 |                                          *****************
            0.25 +                                                           *********
                 +-----------------+----------------+---------------+----------------+ epoch
                  1                2                3               4                5
                  *** loss (training)   ooo val_loss (validation)

            """)
        let both = harness.run("plot").output
        #expect(both.contains("Training and validation loss") && both.contains("Training and validation accuracy"))
        #expect(both.contains("*** accuracy (training)   ooo val_accuracy (validation)"))
    }

    @Test func plotWritesAValidSVGAtomically() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convbook-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("curves.svg").path
        let harness = ReplHarness()
        harness.session.workspace.history = Self.history
        let hostile = "a</title><script>x</script> & 'b' ]]>"  // a typed title cannot hold a double quote; ChartTests covers it
        let (ok, output) = harness.run("plot svg=\(path) title=\"\(hostile)\"")
        #expect(ok, "\(output)")
        #expect(output.unwrapped == "wrote \(path): loss and accuracy over 5 epochs, training and validation ")
        let document = try Data(contentsOf: URL(fileURLWithPath: path))
        let parser = XMLParser(data: document)
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let text = String(decoding: document, as: UTF8.self)
        #expect(text.contains("<title>a&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; &apos;b&apos; ]]&gt;</title>"))
        #expect(text.components(separatedBy: "<polyline").count - 1 == 4, "two curves in each of two panels")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["curves.svg"], "no temporary file left")
        // Errors: a directory, a missing directory, title without svg.
        #expect(harness.run("plot svg=\(directory.path)").output.unwrapped.hasPrefix("error: plot: '\(directory.path)' is a directory"))
        #expect(harness.run("plot svg=/nonexistent/dir/x.svg").output.hasPrefix("error: plot: cannot write '/nonexistent/dir/x.svg'"))
        #expect(harness.run("plot title=x").output.hasPrefix("error: plot: title= goes with svg=FILE"))
        #expect(harness.run("plot speed").output.hasPrefix("error: plot: the metric must be loss or accuracy, got 'speed'"))
    }

    @Test func filtersDrawEveryKernelOfTheFirstLayer() throws {
        let harness = try Self.harness()
        #expect(harness.run("filters 1").output.hasPrefix("error: filters: no model yet"))
        #expect(harness.run("model tutorial").ok)
        let (ok, output) = harness.run("filters 1")
        #expect(ok)
        Self.expectPlain(output)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "layer 1, conv2d (Conv2D): 32 filters of 3x3 over 1 input channel")
        #expect(lines[1] == "(not trained yet: these are the random initial weights)")
        // Each kernel drawn in a frame numbered in its top border; each weight two ramp characters.
        let conv = try #require(harness.session.workspace.model?.layers[0] as? Conv2D)
        let weights = conv.kernel.value.scalars  // [3, 3, 1, 32]
        let topRow = try #require(lines.firstIndex { $0.hasPrefix("+-1----+ +-2----+") })
        for filter in 0..<9 {
            // Each filter on its own symmetric scale.
            let magnitude = (0..<9).map { abs(weights[$0 * 32 + filter]) }.max()!
            for row in 0..<3 {
                let line = Array(lines[topRow + 1 + row])
                let cells = line[(filter * 9 + 1)..<(filter * 9 + 7)]
                let expected = (0..<3).flatMap { column -> [Character] in
                    let weight = weights[(row * 3 + column) * 32 + filter]
                    let brightness = (weight + magnitude) / (2 * magnitude)
                    let character = ImageRenderer.asciiRamp[ImageRenderer.rampIndex(brightness, count: 10)]
                    return [character, character]
                }
                #expect(Array(cells) == expected, "filter \(filter + 1), row \(row)")
            }
        }
        #expect(output.contains("+-32---+"))
        let numbers = harness.run("filters conv2d numbers").output
        #expect(numbers.contains("filter 32"))
        #expect(numbers.contains(NumberGrid.format(weights[31], decimals: 2)))
        #expect(harness.run("filters 4").output.unwrapped.hasPrefix("error: filters: layer 4, flatten (Flatten) has no kernels to draw; conv layers: 1 (conv2d), 2 (conv2d_1), 3 (conv2d_2)"))
        #expect(harness.run("filters 9").output.hasPrefix("error: filters: LAYER must be between 1 and 8"))
        #expect(harness.run("filters dense_7").output.hasPrefix("error: filters: no layer 'dense_7'"))
        let deeper = harness.run("filters 2").output
        #expect(deeper.contains("each filter has 32 slices, one per input channel; shown: their mean"))
        #expect(deeper.contains("+-64---+"))
    }

    @Test func featuresDrawEveryMapOfALayer() throws {
        let harness = try Self.harness()
        #expect(harness.run("model tutorial").ok)
        let (ok, output) = harness.run("features 1 0")
        #expect(ok)
        Self.expectPlain(output)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "test image 0 (Ankle boot) after layer 1, conv2d (Conv2D): 32 maps of 13x13")
        #expect(lines[1].hasPrefix("black 0, white each map's own largest value (the largest of all: "))
        // 32 framed 13x13 maps, five to a row.
        #expect(lines.filter { $0.hasPrefix("+-1-----------+ +-2-----------+ +-3-----------+ +-4-----------+ +-5---") }.count == 1)
        #expect(output.contains("+-32----------+"))
        #expect(lines.filter { $0.hasPrefix("|") }.count == 7 * 13)
        // The maps are the layer's output: where map 1 is largest, its picture shows '@'.
        let model = try #require(harness.session.workspace.model)
        let image = try FashionMNIST.sample().imageBatch([0])
        let activation = model.activation(of: image, throughLayer: 0)
        let map = FeatureMapGallery.maps(of: activation)[0]
        if map.extent.upperBound > 0 {
            let brightest = map.values.firstIndex(of: map.extent.upperBound)!
            let top = try #require(lines.firstIndex { $0.hasPrefix("+-1---") })
            let row = Array(lines[top + 1 + brightest / 13])
            #expect(row[1 + brightest % 13] == "@")
        }
        let flat = harness.run("features 7 0").output
        #expect(flat.hasPrefix("test image 0 (Ankle boot) after layer 7, dropout_1 (Dropout): 512 values, 32 to\na row\n"))
        Self.expectPlain(flat)
        #expect(harness.run("features 1 40").output.hasPrefix("error: features: INDEX must be between 0 and 39"))
        #expect(harness.run("features 0 0").output.hasPrefix("error: features: LAYER must be between 1 and 8"))
    }

    @Test func mistakesShowWrongPredictionsWithTheirLabels() throws {
        let harness = try Self.harness()
        #expect(harness.run("model tutorial").ok)
        let (ok, output) = harness.run("mistakes 3")
        #expect(ok)
        Self.expectPlain(output)
        let evaluation = try #require(harness.session.workspace.lastEvaluation)
        let wrong = (0..<40).filter { evaluation.trueLabels[$0] != evaluation.predictedLabels[$0] }
        #expect(output.hasPrefix("the model gets \(wrong.count) of 40 test images wrong; the first 3:\n"))
        let sample = try FashionMNIST.sample()
        for index in wrong.prefix(3) {
            #expect(output.contains("#\(index) \(FashionMNIST.classNames[Int(sample.labels[index])])"))
            #expect(output.contains("taken for \(FashionMNIST.classNames[Int(evaluation.predictedLabels[index])])"))
        }
        #expect(harness.run("mistakes 0").output.hasPrefix("error: mistakes: N must be between 1 and 100"))
    }

    @Test func evaluateNamesAllTenClasses() throws {
        let harness = try Self.harness(testImages: 200)
        #expect(harness.run("model tutorial").ok)
        let (ok, output) = harness.run("evaluate")
        #expect(ok)
        Self.expectPlain(output)
        let matrix = try #require(output.components(separatedBy: "confusion matrix:").last)
        for (label, name) in FashionMNIST.classNames.enumerated() {
            #expect(matrix.contains("\(label) \(name)"), "\(name) in the confusion matrix")
        }
    }

    @Test func summaryFullAddsFormulasReceptiveFieldsAndMultiplyAdds() throws {
        let harness = ReplHarness()
        #expect(harness.run("model tutorial").ok)
        let (ok, output) = harness.run("summary full")
        #expect(ok)
        Self.expectPlain(output)
        let lines = output.split(separator: "\n").map(String.init)
        let conv = try #require(lines.first { $0.hasPrefix("conv2d_2 ") })
        #expect(conv.contains("(3*3*64 + 1) * 128 = 73,856") && conv.contains(" 15x15 ") && conv.hasSuffix(" 294,912"))
        let total = try #require(lines.first { $0.hasPrefix("total ") })
        #expect(total.contains(" 360,458 ") && total.hasSuffix(" 1,274,400"))
        #expect(output.contains("7.6 MFLOP"))
    }

    @Test func predictShowsAPictureFileAsTheModelSeesIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convbook-predict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sample = try FashionMNIST.sample()
        let path = directory.appendingPathComponent("boot photo.png").path
        let png = PNGWriter.encode(width: 440, height: 380, colorType: 2, samples: PhotoMaker.photo(of: Array(sample.pixels(at: 0))))
        try Data(png).write(to: URL(fileURLWithPath: path))

        let harness = try Self.harness()
        #expect(harness.run("predict \"\(path)\"").output.hasPrefix("error: predict: no model yet"))
        #expect(harness.run("model tutorial").ok)
        let (ok, output) = harness.run("predict \"\(path)\"")
        #expect(ok, "\(output)")
        Self.expectPlain(output)
        #expect(output.contains("440x380 pixels, light background, so inverted"))
        // The picture shown is the framed 28x28, and the guesses are the model's for it.
        let framing = try FashionMNISTFraming.frame(ImageFileDecoder.decode(png))
        let picture = ImageRenderer.picture(PixelMap(rows: 28, columns: 28, bytes: framing.pixels), capabilities: .plain)
        #expect(output.contains("what the model sees:\n" + picture.joined(separator: "\n") + "\nthe model's guesses:\n"))
        let model = try #require(harness.session.workspace.model)
        let logits = model.logits(TensorCore.Tensor(shape: [1, 28, 28, 1], scalars: framing.pixels.map { Float($0) / 255 })).scalars
        let expected = TopClasses.lines(TopClasses.probabilities(fromLogits: logits), capabilities: .plain)
        #expect(output.contains(expected.joined(separator: "\n")))

        #expect(harness.run("predict 2024-05-01-missing.png").output.hasPrefix("error: predict: 2024-05-01-missing.png: no such file"),
                "a name starting with digits is a file, not an INDEX")
        #expect(harness.run("predict \(directory.path)/missing.png").output.unwrapped.hasPrefix("error: predict: \(directory.path)/missing.png: no such file"))
        #expect(harness.run("predict \(directory.path)").output.unwrapped.hasPrefix("error: predict: \(directory.path): not a regular file"))
        let text = directory.appendingPathComponent("notes.txt").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: text))
        #expect(harness.run("predict \(text)").output.unwrapped.hasPrefix("error: predict: \(text): not a PNG, PGM or PPM picture"))
    }

    @Test func predictIndexShowsTheImageLabelAndGuesses() throws {
        let harness = try Self.harness()
        #expect(harness.run("model tutorial").ok)
        let (ok, output) = harness.run("predict 0")
        #expect(ok)
        Self.expectPlain(output)
        #expect(output.hasPrefix("test image 0: Ankle boot (label 9)\n+----"))
        #expect(output.contains("the model's guesses (right):\n  1. Ankle boot") || output.contains("the model's guesses (wrong):\n  1. "))
        #expect(harness.run("predict 40").output.hasPrefix("error: predict: INDEX must be between 0 and 39"))
        #expect(harness.run("predict -3").output.hasPrefix("error: predict: INDEX must be between 0 and 39"))
    }

    /// The must-show in small: after a little training, photos of test images (dark on light,
    /// enlarged, off-centre, through PNG) are classified as the test images themselves.
    @Test func photosAreClassifiedAsTheirTestImages() throws {
        let sample = try FashionMNIST.sample()
        let harness = ReplHarness()
        harness.session.workspace.trainingSet = sample
        harness.session.workspace.testSet = sample.prefix(100)
        for line in ["model tutorial", "compile", "train epochs=4 seed=1"] {
            let (ok, output) = harness.run(line)
            #expect(ok, "\(line): \(output)")
        }
        let model = try #require(harness.session.workspace.model)
        var agreements = 0
        for index in 0..<10 {
            let png = PNGWriter.encode(width: 440, height: 380, colorType: 2, samples: PhotoMaker.photo(of: Array(sample.pixels(at: index))))
            let framed = try FashionMNISTFraming.frame(ImageFileDecoder.decode(png)).pixels
            let photoLogits = model.logits(TensorCore.Tensor(shape: [1, 28, 28, 1], scalars: framed.map { Float($0) / 255 })).scalars
            let imageLogits = model.logits(sample.imageBatch([index])).scalars
            if TopClasses.ranked(photoLogits, count: 1)[0].label == TopClasses.ranked(imageLogits, count: 1)[0].label { agreements += 1 }
        }
        // Sub-pixel differences may flip a borderline guess of a briefly trained model; not more.
        #expect(agreements >= 9, "\(agreements) of 10 photos classified as their test images")
    }

    @Test(arguments: ["show", "plot", "filters", "features", "mistakes"])
    func helpFitsEightyColumns(command: String) {
        let (ok, output) = ReplHarness().run("help \(command)")
        #expect(ok)
        let long = output.split(separator: "\n").filter { $0.count > 80 }
        #expect(long.isEmpty, "\(long)")
    }
}
