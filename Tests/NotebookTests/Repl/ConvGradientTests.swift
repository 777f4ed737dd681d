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
        var stride: Int, padding: Int, bias: Double, relu: Bool
    }

    static func randomCase(_ random: inout SplitMix64, same: Bool) -> Case? {
        let channels = Int.random(in: 1...3, using: &random)
        let rows = Int.random(in: 1...8, using: &random), columns = Int.random(in: 1...8, using: &random)
        let size = Int.random(in: 1...4, using: &random)
        let stride = same ? 1 : Int.random(in: 1...3, using: &random)
        if same, size % 2 == 0 { return nil }
        // 'same' is the engine's (TensorFlow's) padding; the demo pads symmetrically, so only
        // odd kernels at stride 1 give the same symmetric padding size / 2.
        let padding = same ? size / 2 : Int.random(in: 0...2, using: &random)
        guard size <= rows + 2 * padding, size <= columns + 2 * padding else { return nil }
        func value() -> Double { Double(Int.random(in: -20...20, using: &random)) / 4 }
        let image = (0..<channels).map { _ in (0..<rows).map { _ in (0..<columns).map { _ in value() } } }
        let kernel = (0..<channels).map { _ in (0..<size).map { _ in (0..<size).map { _ in value() } } }
        let outputRows = (rows + 2 * padding - size) / stride + 1, outputColumns = (columns + 2 * padding - size) / stride + 1
        let upstream = (0..<outputRows).map { _ in (0..<outputColumns).map { _ in value() } }
        return Case(image: image, kernel: kernel, upstream: upstream, stride: stride, padding: padding,
                    bias: value(), relu: Bool.random(using: &random))
    }

    /// The engine's gradients for `c`: a Conv2D with one filter over the image (zero-padded
    /// beforehand for explicit padding, or with `.same`), its backward given `upstream`.
    static func engineGradients(_ c: Case, same: Bool) throws -> (kernel: [[[Double]]], input: [[[Double]]], bias: Double) {
        let channels = c.image.count, size = c.kernel[0].count
        let input = same ? c.image : c.image.map { ConvGradient.padded($0, by: c.padding) }
        let rows = input[0].count, columns = input[0][0].count
        var generator = SplitMix64(seed: 0)
        let layer = try Conv2D(filters: 1, kernelSize: size, stride: c.stride, padding: same ? .same : .valid,
                               activation: c.relu ? .relu : .linear, inputShape: [rows, columns, channels], using: &generator)
        // Keras layouts: input [1, H, W, C], kernel [K, K, C, 1].
        var x = Tensor(shape: [1, rows, columns, channels])
        for y in 0..<rows { for xx in 0..<columns { for ch in 0..<channels { x.scalars[(y * columns + xx) * channels + ch] = Float(input[ch][y][xx]) } } }
        for i in 0..<size { for j in 0..<size { for ch in 0..<channels { layer.kernel.value.scalars[(i * size + j) * channels + ch] = Float(c.kernel[ch][i][j]) } } }
        layer.bias.value.scalars[0] = Float(c.bias)
        var output = Tensor.empty
        layer.forward(x, into: &output, training: true, using: &generator)
        #expect(output.shape == [1, c.upstream.count, c.upstream[0].count, 1], "output \(output.shape)")
        let dy = Tensor(shape: output.shape, scalars: c.upstream.joined().map(Float.init))
        var dx = Tensor.empty
        layer.parameters.forEach { $0.zeroGradient() }
        layer.backward(input: x, output: output, outputGradient: dy, inputGradient: &dx, computeInputGradient: true)
        let kernel = (0..<channels).map { ch in (0..<size).map { i in (0..<size).map { j in Double(layer.kernel.gradient.scalars[(i * size + j) * channels + ch]) } } }
        let crop = same ? 0 : c.padding
        let inputGradient = (0..<channels).map { ch in
            (0..<c.image[0].count).map { y in (0..<c.image[0][0].count).map { xx in Double(dx.scalars[((y + crop) * columns + xx + crop) * channels + ch]) } }
        }
        return (kernel, inputGradient, Double(layer.bias.gradient.scalars[0]))
    }

    static func largestDifference(_ a: [[[Double]]], _ b: [[[Double]]]) -> Double {
        zip(a.joined().joined(), b.joined().joined()).map { abs($0 - $1) }.max() ?? 0
    }

    @Test(arguments: [false, true])
    func matchesTheEnginesConv2DBackward(same: Bool) throws {
        var random = SplitMix64(seed: same ? 7 : 11)
        var checked = 0, withStride = 0, withPadding = 0, withChannels = 0
        while checked < 150 {
            guard let c = Self.randomCase(&random, same: same) else { continue }
            // Keep z away from 0, where the ReLU's derivative is ambiguous.
            let gradient = try ConvGradient(image: c.image, kernel: c.kernel, stride: c.stride, padding: c.padding,
                                            bias: c.bias, relu: c.relu, upstream: c.upstream)
            if c.relu, gradient.preActivation.joined().contains(where: { abs($0) < 1e-3 }) { continue }
            let engine = try Self.engineGradients(c, same: same)
            let described = "\(c.image.count) channels, image \(c.image[0].count)x\(c.image[0][0].count),"
                + " kernel \(c.kernel[0].count), stride \(c.stride), padding \(c.padding), relu \(c.relu)"
            // Quarter-integer values: the Float32 sums are exact or nearly so.
            #expect(Self.largestDifference(gradient.kernelGradient, engine.kernel) < 1e-3, "dL/dK, \(described)")
            #expect(Self.largestDifference(gradient.inputGradient, engine.input) < 1e-3, "dL/dX, \(described)")
            #expect(abs(gradient.biasGradient - engine.bias) < 1e-3, "dL/db, \(described)")
            // The whole-matrix forms the walk shows equal the term-by-term sums.
            for ch in 0..<c.image.count {
                #expect(gradient.kernelGradientByCorrelation(channel: ch) == gradient.kernelGradient[ch], "correlation, \(described)")
                let full = gradient.paddedInputGradientByConvolution(channel: ch)
                let cropped = full[c.padding..<c.padding + c.image[0].count].map { Array($0[c.padding..<c.padding + c.image[0][0].count]) }
                #expect(Self.largestDifference([cropped], [gradient.inputGradient[ch]]) < 1e-9, "full convolution, \(described)")
            }
            checked += 1
            if c.stride > 1 { withStride += 1 }
            if c.padding > 0 { withPadding += 1 }
            if c.image.count > 1 { withChannels += 1 }
        }
        #expect(withPadding > 20 && withChannels > 20 && (same || withStride > 20),
                "cases: \(withStride) strided, \(withPadding) padded, \(withChannels) multi-channel")
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
