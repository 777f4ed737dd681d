import NeuralNet
import TensorCore
import Testing
@testable import Notebook

/// `conv grad`: its sums against the engine's own Conv2D backward, against a direct
/// computation, and the issue's example end to end.
@Suite struct ConvGradientTests {
    /// One random case: image C x H x W, kernel C x K x K, upstream of the output's shape.
    struct Case {
        var image: [[[Double]]], kernel: [[[Double]]], upstream: [[Double]]
        var stride: Int, padding: (top: Int, bottom: Int, left: Int, right: Int), dilation: Int, bias: Double, relu: Bool
        var span: Int { dilation * (kernel[0].count - 1) + 1 }
    }

    /// A random case; with `same`, the padding is TensorFlow's 'same' (uneven for even spans),
    /// else random per side.
    static func randomCase(_ random: inout SplitMix64, same: Bool) throws -> Case? {
        let channels = Int.random(in: 1...3, using: &random)
        let rows = Int.random(in: 1...8, using: &random), columns = Int.random(in: 1...8, using: &random)
        let size = Int.random(in: 1...4, using: &random), stride = Int.random(in: 1...3, using: &random)
        let dilation = Int.random(in: 1...4, using: &random) <= 2 ? Int.random(in: 2...3, using: &random) : 1
        let span = dilation * (size - 1) + 1
        let padding: (top: Int, bottom: Int, left: Int, right: Int)
        if same {
            let g = try ConvolutionGeometry(inputHeight: rows, inputWidth: columns, channels: 1, kernelHeight: span,
                                            kernelWidth: span, stride: stride, padding: .same)
            padding = (g.padTop, g.padBottom, g.padLeft, g.padRight)
        } else {
            padding = (Int.random(in: 0...2, using: &random), Int.random(in: 0...2, using: &random),
                       Int.random(in: 0...2, using: &random), Int.random(in: 0...2, using: &random))
        }
        guard span <= rows + padding.top + padding.bottom, span <= columns + padding.left + padding.right else { return nil }
        func value() -> Double { Double(Int.random(in: -20...20, using: &random)) / 4 }
        let image = (0..<channels).map { _ in (0..<rows).map { _ in (0..<columns).map { _ in value() } } }
        let kernel = (0..<channels).map { _ in (0..<size).map { _ in (0..<size).map { _ in value() } } }
        let outputRows = (rows + padding.top + padding.bottom - span) / stride + 1
        let outputColumns = (columns + padding.left + padding.right - span) / stride + 1
        let upstream = (0..<outputRows).map { _ in (0..<outputColumns).map { _ in value() } }
        return Case(image: image, kernel: kernel, upstream: upstream, stride: stride, padding: padding, dilation: dilation,
                    bias: value(), relu: Bool.random(using: &random))
    }

    /// The engine's gradients for `c`: a Conv2D with one filter (the kernel spread to its span
    /// when dilated, zeros between the taps) over the image, zero-padded beforehand for
    /// explicit padding or with `.same`; its backward given `upstream`.
    static func engineGradients(_ c: Case, same: Bool) throws -> (kernel: [[[Double]]], input: [[[Double]]], bias: Double) {
        let channels = c.image.count, size = c.kernel[0].count, span = c.span
        let input = same ? c.image : c.image.map {
            ConvGradient.padded($0, top: c.padding.top, bottom: c.padding.bottom, left: c.padding.left, right: c.padding.right)
        }
        let rows = input[0].count, columns = input[0][0].count
        var generator = SplitMix64(seed: 0)
        let layer = try Conv2D(filters: 1, kernelSize: span, stride: c.stride, padding: same ? .same : .valid,
                               activation: c.relu ? .relu : .linear, inputShape: [rows, columns, channels], using: &generator)
        // Keras layouts: input [1, H, W, C], kernel [span, span, C, 1].
        var x = Tensor(shape: [1, rows, columns, channels])
        for y in 0..<rows { for xx in 0..<columns { for ch in 0..<channels { x.scalars[(y * columns + xx) * channels + ch] = Float(input[ch][y][xx]) } } }
        layer.kernel.value = Tensor(shape: [span, span, channels, 1])
        for ch in 0..<channels {
            let spread = ConvGradient.spread(c.kernel[ch], by: c.dilation)
            for i in 0..<span { for j in 0..<span { layer.kernel.value.scalars[(i * span + j) * channels + ch] = Float(spread[i][j]) } }
        }
        layer.bias.value.scalars[0] = Float(c.bias)
        var output = Tensor.empty
        layer.forward(x, into: &output, training: true, using: &generator)
        #expect(output.shape == [1, c.upstream.count, c.upstream[0].count, 1], "output \(output.shape)")
        let dy = Tensor(shape: output.shape, scalars: c.upstream.joined().map(Float.init))
        var dx = Tensor.empty
        layer.parameters.forEach { $0.zeroGradient() }
        layer.backward(input: x, output: output, outputGradient: dy, inputGradient: &dx, computeInputGradient: true)
        let kernel = (0..<channels).map { ch in
            (0..<size).map { i in (0..<size).map { j in
                Double(layer.kernel.gradient.scalars[((i * c.dilation) * span + j * c.dilation) * channels + ch])
            } }
        }
        let (top, left) = same ? (0, 0) : (c.padding.top, c.padding.left)
        let inputGradient = (0..<channels).map { ch in
            (0..<c.image[0].count).map { y in (0..<c.image[0][0].count).map { xx in Double(dx.scalars[((y + top) * columns + xx + left) * channels + ch]) } }
        }
        return (kernel, inputGradient, Double(layer.bias.gradient.scalars[0]))
    }

    static func largestDifference(_ a: [[[Double]]], _ b: [[[Double]]]) -> Double {
        zip(a.joined().joined(), b.joined().joined()).map { abs($0 - $1) }.max() ?? 0
    }

    @Test(arguments: [false, true])
    func matchesTheEnginesConv2DBackward(same: Bool) throws {
        var random = SplitMix64(seed: same ? 7 : 11)
        var checked = 0, withStride = 0, withPadding = 0, withChannels = 0, withDilation = 0, uneven = 0
        while checked < 200 {
            guard let c = try Self.randomCase(&random, same: same) else { continue }
            // Keep z away from 0, where the ReLU's derivative is ambiguous.
            let gradient = try ConvGradient(image: c.image, kernel: c.kernel, stride: c.stride, padding: c.padding,
                                            dilation: c.dilation, bias: c.bias, relu: c.relu, upstream: c.upstream)
            if c.relu, gradient.preActivation.joined().contains(where: { abs($0) < 1e-3 }) { continue }
            let engine = try Self.engineGradients(c, same: same)
            let described = "\(c.image.count) channels, image \(c.image[0].count)x\(c.image[0][0].count),"
                + " kernel \(c.kernel[0].count), stride \(c.stride), padding \(c.padding), dilation \(c.dilation), relu \(c.relu)"
            // Quarter-integer values: the Float32 sums are exact or nearly so.
            #expect(Self.largestDifference(gradient.kernelGradient, engine.kernel) < 1e-3, "dL/dK, \(described)")
            #expect(Self.largestDifference(gradient.inputGradient, engine.input) < 1e-3, "dL/dX, \(described)")
            #expect(abs(gradient.biasGradient - engine.bias) < 1e-3, "dL/db, \(described)")
            // The whole-matrix forms the walk shows equal the term-by-term sums.
            for ch in 0..<c.image.count {
                #expect(gradient.kernelGradientByCorrelation(channel: ch) == gradient.kernelGradient[ch], "correlation, \(described)")
                let full = gradient.paddedInputGradientByConvolution(channel: ch)
                let cropped = full[c.padding.top..<c.padding.top + c.image[0].count]
                    .map { Array($0[c.padding.left..<c.padding.left + c.image[0][0].count]) }
                #expect(Self.largestDifference([cropped], [gradient.inputGradient[ch]]) < 1e-9, "full convolution, \(described)")
            }
            checked += 1
            if c.stride > 1 { withStride += 1 }
            if gradient.hasPadding { withPadding += 1 }
            if c.padding.top != c.padding.bottom || c.padding.left != c.padding.right { uneven += 1 }
            if c.image.count > 1 { withChannels += 1 }
            if c.dilation > 1 { withDilation += 1 }
        }
        #expect(withPadding > 20 && withChannels > 20 && withStride > 20 && withDilation > 20 && uneven > 10,
                "cases: \(withStride) strided, \(withPadding) padded (\(uneven) unevenly), \(withChannels) multi-channel, \(withDilation) dilated")
    }

    /// The issue's example: 5x5 image 1...25, sobel-x, upstream [1 0 2; 0 1 0; 3 0 1].
    static let exampleImage = (0..<5).map { r in (0..<5).map { c in Double(r * 5 + c + 1) } }
    static let exampleUpstream: [[Double]] = [[1, 0, 2], [0, 1, 0], [3, 0, 1]]
    static let sobelX: [[Double]] = [[1, 0, -1], [2, 0, -2], [1, 0, -1]]

    /// dL/dK, dL/dX and dL/db for the example, computed directly from the definitions:
    /// every (window, kernel cell) pair adds input * upstream to dK and weight * upstream to dX.
    static func directExampleGradients() -> (kernel: [[Double]], input: [[Double]], bias: Double) {
        var kernel = [[Double]](repeating: [0, 0, 0], count: 3)
        var input = [[Double]](repeating: [Double](repeating: 0, count: 5), count: 5)
        for r in 0..<3 { for s in 0..<3 { for i in 0..<3 { for j in 0..<3 {
            kernel[i][j] += exampleImage[r + i][s + j] * exampleUpstream[r][s]
            input[r + i][s + j] += sobelX[i][j] * exampleUpstream[r][s]
        } } } }
        return (kernel, input, exampleUpstream.joined().reduce(0, +))
    }

    @Test func theIssuesExamplePrintsTheDirectGradients() throws {
        let harness = ReplHarness()
        #expect(harness.run("conv image [1 2 3 4 5; 6 7 8 9 10; 11 12 13 14 15; 16 17 18 19 20; 21 22 23 24 25]").ok)
        #expect(harness.run("conv kernel sobel-x").ok)
        let (ok, output) = harness.run("conv grad upstream=[1 0 2; 0 1 0; 3 0 1]")
        #expect(ok, "\(output)")
        let direct = Self.directExampleGradients()
        #expect(direct.kernel == [[60, 68, 76], [100, 108, 116], [140, 148, 156]])  // hand-checked first row: 1+6+7+33+13
        let ending = try #require(output.range(of: "The backward pass is complete:\n")).upperBound
        let lines = output[ending...].split(separator: "\n").map(String.init)
        #expect(lines.count >= 3)
        #expect(lines[0] == "  dL/dK = " + ConvGradientWalk.matrixText(direct.kernel))
        #expect(lines[1] == "  dL/dX = " + ConvGradientWalk.matrixText(direct.input))
        #expect(lines[2] == "  dL/db = \(NumberFormat.decimal(direct.bias))")
        // Every step's sum is the matching entry: 9 weights, then 25 pixels, then the bias.
        let sums = output.split(separator: "\n").filter { $0.hasPrefix("  sum:") }
            .compactMap { $0.split(separator: "=").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
        #expect(sums == Array(direct.kernel.joined()) + Array(direct.input.joined()) + [direct.bias])
        for line in output.split(separator: "\n") { #expect(line.count <= 80, "too wide: \(line)") }
    }

    @Test func upstreamDefaultsToOnesAndErrorsAreOneLine() {
        let harness = ReplHarness()
        let (ok, output) = harness.run("conv grad")
        #expect(ok)
        #expect(output.contains("  dL/db = 9\n"), "all-ones upstream over a 3x3 feature map")
        for bad in ["conv grad upstream=[1 2; 3 4]", "conv grad upstream=[1 x 2]", "conv grad upstream=", "conv grad 3", "conv grad seed=1"] {
            let (ok, output) = harness.run(bad)
            #expect(!ok, "\(bad)")
            #expect(output.hasPrefix("error: conv: "), "\(bad): \(output)")
        }
        #expect(harness.run("conv grad upstream=[1 2; 3 4]").output.contains("the feature map is 3x3"))
    }

    /// The walk's printed sums are the gradients, in order, for strides, uneven padding,
    /// dilation, channels and the ReLU; and no line is wider than 80 columns.
    @Test func theWalkPrintsEveryGradientInOrder() throws {
        var random = SplitMix64(seed: 3)
        var checked = 0
        while checked < 40 {
            guard let c = try Self.randomCase(&random, same: checked % 2 == 0), c.image[0].count <= 5, c.image[0][0].count <= 5 else { continue }
            let gradient = try ConvGradient(image: c.image, kernel: c.kernel, stride: c.stride, padding: c.padding,
                                            dilation: c.dilation, bias: c.bias, relu: c.relu, upstream: c.upstream)
            let walk = ConvGradientWalk(gradient, kernelName: nil)
            let console = Console(capabilities: .plain) { _ in }
            var text = walk.introduction(console: console)
            for step in walk.steps { text += walk.text(of: step, console: console) }
            text += walk.ending
            let sums = text.split(separator: "\n").filter { $0.hasPrefix("  sum:") || $0.hasPrefix("        ") && $0.contains("= ") }
                .compactMap { line -> Double? in
                    guard let last = line.split(separator: "=").last, line.contains("=") else { return nil }
                    return Double(last.trimmingCharacters(in: .whitespaces))
                }
            let expected = Array(gradient.kernelGradient.joined().joined()) + Array(gradient.inputGradient.joined().joined())
                + [gradient.biasGradient]
            #expect(sums.count == expected.count, "\(sums.count) sums for \(expected.count) gradients")
            for (printed, value) in zip(sums, expected) { #expect(abs(printed - value) <= 0.00051, "\(printed) vs \(value)") }
            for line in text.split(separator: "\n") where line.count > 80 { Issue.record("too wide (\(line.count)): \(line)") }
            checked += 1
        }
    }

    /// `conv grad` follows the demo: its channels, bias, ReLU, stride, padding and dilation.
    @Test(arguments: ["conv demo channels=2 bias=-5 relu", "conv demo padding=same stride=2 dilation=2",
                      "conv demo channels=3 padding=1 bias=2", "conv demo stride=2 padding=same"])
    func followsTheDemo(demoLine: String) throws {
        let harness = ReplHarness()
        #expect(harness.run(demoLine).ok)
        let demo = harness.session.demo
        let (ok, output) = harness.run("conv grad")
        #expect(ok, "\(output)")
        let expected = try ConvGradient(image: demo.images.map(\.rows), kernel: demo.kernels.map(\.rows), stride: demo.stride,
                                        padding: (demo.padding.top, demo.padding.bottom, demo.padding.left, demo.padding.right),
                                        dilation: demo.dilation, bias: demo.bias, relu: demo.relu,
                                        upstream: Array(repeating: Array(repeating: 1, count: demo.outputColumns), count: demo.outputRows))
        // The forward pass it starts from is the demo's feature map.
        #expect(expected.preActivation.map { $0.map { demo.relu ? max($0, 0) : $0 } } == demo.completeFeatureMap())
        #expect(output.contains("  dL/db = \(NumberFormat.decimal(expected.biasGradient))\n"), "\(output)")
        let kernelLabel = demo.channels > 1 ? "  dL/dK channel 1 = " : "  dL/dK = "
        #expect(output.contains(ConvGradientWalk.matrixLines(kernelLabel, expected.kernelGradient[0], width: 80)))
        #expect(output.contains("through the ReLU") == demo.relu)
    }

    @Test func stepsOnATerminal() {
        var capabilities = TerminalCapabilities.plain
        capabilities.isInteractive = true
        let harness = ReplHarness(capabilities: capabilities)
        let first = harness.run("conv grad")
        #expect(first.output.contains("dL/dK row 1, column 1") && !first.output.contains("dL/dK row 1, column 2"))
        #expect(harness.run("conv step").output.contains("dL/dK row 1, column 2"))
        let rest = harness.run("conv run").output
        #expect(rest.contains("dL/db") && rest.contains("The backward pass is complete"))
        #expect(!harness.run("conv step").ok)
    }
}
