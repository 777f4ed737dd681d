import TensorCore
import Testing
@testable import Notebook

/// `conv demo` as a whole neuron: channels, bias, ReLU, dilation and Keras's 'same' padding,
/// checked against a direct computation written out here, and the text it prints.
@Suite struct ConvNeuronTests {
    /// One output cell per window of a multi-channel cross-correlation, computed directly:
    /// out[r][c] = act(sum_ch sum_ij x[ch][r*S + i*D - top][c*S + j*D - left] * k[ch][i][j] + bias),
    /// zero outside the image; `same` pads as TensorFlow: total = max((ceil(IN/S)-1)*S + span - IN, 0),
    /// floor(total/2) before.
    static func direct(images: [[[Double]]], kernels: [[[Double]]], stride: Int, padding: PaddingChoice, dilation: Int,
                       bias: Double, relu: Bool) -> [[Double]] {
        let (height, width) = (images[0].count, images[0][0].count)
        let (kernelHeight, kernelWidth) = (kernels[0].count, kernels[0][0].count)
        let spanHeight = dilation * (kernelHeight - 1) + 1, spanWidth = dilation * (kernelWidth - 1) + 1
        func pads(_ size: Int, _ span: Int) -> (Int, Int) {
            switch padding {
            case .valid: return (0, 0)
            case .explicit(let p): return (p, p)
            case .same:
                let total = max(((size + stride - 1) / stride - 1) * stride + span - size, 0)
                return (total / 2, total - total / 2)
            }
        }
        let (top, bottom) = pads(height, spanHeight), (left, right) = pads(width, spanWidth)
        let rows = (height + top + bottom - spanHeight) / stride + 1
        let columns = (width + left + right - spanWidth) / stride + 1
        return (0..<rows).map { r in
            (0..<columns).map { c in
                var sum = bias
                for channel in images.indices {
                    for i in 0..<kernelHeight {
                        for j in 0..<kernelWidth {
                            let y = r * stride + i * dilation - top, x = c * stride + j * dilation - left
                            if y >= 0, y < height, x >= 0, x < width { sum += images[channel][y][x] * kernels[channel][i][j] }
                        }
                    }
                }
                return relu ? max(0, sum) : sum
            }
        }
    }

    @Test func aTwoChannelNeuronWithBiasAndReLUMatchesADirectComputation() throws {
        var random = SplitMix64(seed: 2026)
        var tested = 0, clipped = 0, uneven = 0
        while tested < 300 {
            let height = Int.random(in: 1...9, using: &random), width = Int.random(in: 1...9, using: &random)
            let kernelHeight = Int.random(in: 1...4, using: &random), kernelWidth = Int.random(in: 1...4, using: &random)
            let stride = Int.random(in: 1...3, using: &random), dilation = Int.random(in: 1...2, using: &random)
            let padding: PaddingChoice = [.valid, .same, .explicit(Int.random(in: 0...2, using: &random))]
                .randomElement(using: &random)!
            let bias = Double(Int.random(in: -20...20, using: &random)) / 2
            let relu = Bool.random(using: &random)
            let images = (0..<2).map { _ in (0..<height).map { _ in (0..<width).map { _ in Double(Int.random(in: -9...9, using: &random)) } } }
            let kernels = (0..<2).map { _ in
                (0..<kernelHeight).map { _ in (0..<kernelWidth).map { _ in Double(Int.random(in: -3...3, using: &random)) } }
            }
            let state = ConvDemoState()
            state.images = images.map(ConvMatrix.init)
            state.kernels = kernels.map(ConvMatrix.init)
            state.kernelNames = [nil, nil]
            do {
                try state.start(stride: stride, padding: padding, dilation: dilation, bias: bias, relu: relu)
            } catch {
                // Only a kernel larger than the padded image may be refused.
                let span = dilation * (max(kernelHeight, kernelWidth) - 1) + 1
                #expect(span > min(height, width), "refused \(height)x\(width) k\(kernelHeight)x\(kernelWidth) d\(dilation) \(padding): \(error)")
                continue
            }
            while !state.isFinished { _ = state.advance() }
            let expected = Self.direct(images: images, kernels: kernels, stride: stride, padding: padding, dilation: dilation,
                                       bias: bias, relu: relu)
            #expect(state.featureMap.map { $0.map { $0 ?? .nan } } == expected,
                    "\(height)x\(width) k\(kernelHeight)x\(kernelWidth) s\(stride) d\(dilation) \(padding) b\(bias) relu \(relu)")
            #expect(state.completeFeatureMap() == expected)
            if relu, (0..<state.windowCount).contains(where: { state.preActivation($0) < 0 }) { clipped += 1 }
            if state.padding.top != state.padding.bottom || state.padding.left != state.padding.right { uneven += 1 }
            tested += 1
        }
        // The cases exercise what they claim to: ReLU clipping something, uneven 'same' padding.
        #expect(clipped > 30 && uneven > 30, "clipped \(clipped), uneven \(uneven)")
    }

    @Test func theTwoChannelDemoShowsEveryStepOfTheNeuron() {
        let (ok, output) = ReplHarness().run("conv demo channels=2 bias=-3 relu")
        #expect(ok, "\(output)")
        #expect(output.contains("the default 2-channel image"))
        #expect(output.contains("kernel 3x3 (ch 2): sobel-y"))
        // Window 1: channel 1 gives 0, channel 2 gives -1, the bias -3, ReLU clips -4.
        #expect(output.contains("channel 1 sum: 2 + 0 - 3 + 6 + 0 - 6 + 3 + 0 - 2 = 0"))
        #expect(output.contains("channel 2 sum: 1 + 0 + 1 + 0 + 0 + 0 - 1 - 2 + 0 = -1"))
        #expect(output.contains("sum over channels: 0 - 1 = -1"))
        #expect(output.contains("+ bias: -1 - 3 = -4"))
        #expect(output.contains("ReLU: max(0, -4) = 0   negative: clipped to 0"))
        #expect(output.contains("ReLU: max(0, 5) = 5\n"))
        #expect(output.contains("before ReLU") && output.contains("feature map (after ReLU)"))
        #expect(output.split(separator: "\n").allSatisfy { $0.count <= 80 })
        // The last window's maps, side by side, are the direct computation before and after ReLU.
        let images = ConvDemoDefaults.images(channels: 2).map(\.rows)
        let kernels = ConvDemoDefaults.kernels(channels: 2).map(\.matrix.rows)
        let before = Self.direct(images: images, kernels: kernels, stride: 1, padding: .valid, dilation: 1, bias: -3, relu: false)
        let after = Self.direct(images: images, kernels: kernels, stride: 1, padding: .valid, dilation: 1, bias: -3, relu: true)
        let lastMaps = output.components(separatedBy: "feature map (after ReLU)").last ?? ""
        let rows = lastMaps.split(separator: "\n").prefix(3).map { ReplHarness.numbers(in: String($0)) }
        #expect(rows == zip(before, after).map { $0 + $1 }, "\(lastMaps)")
        let clipped = after.joined().filter { $0 == 0 }.count
        #expect(output.contains("ReLU clipped \(before.joined().filter { $0 < 0 }.count) of its 9 cells to 0"), "\(clipped)")
    }

    @Test func oneMatrixPerChannel() {
        let harness = ReplHarness()
        #expect(harness.run("conv image [1 2 3; 4 5 6; 7 8 9] [0 1 0; 1 0 1; 0 1 0]").ok)
        let kernel = harness.run("conv kernel [1 0; 0 1] [0 1; -1 0]")
        #expect(kernel.ok && kernel.output.contains("kernel 2x2 (ch 2)"))
        let (ok, output) = harness.run("conv demo bias=1")
        #expect(ok, "\(output)")
        #expect(output.contains("with 2 channels slides over a 3x3 image with 2 channels"))
        // Window 1: (1 + 5) + (1 - 1) + 1 = 7.
        #expect(output.contains("channel 1 sum: 1 + 0 + 0 + 5 = 6"))
        #expect(output.contains("channel 2 sum: 0 + 1 - 1 + 0 = 0"))
        #expect(output.contains("+ bias: 6 + 1 = 7"))
        #expect(!output.contains("ReLU:"))
        // A named kernel per channel, and a mismatch between image and kernel channels.
        #expect(harness.run("conv kernel sobel-x sobel-y").ok)
        #expect(harness.run("conv demo").ok)
        #expect(harness.run("conv kernel sobel-x").output.contains("note: the image has 2 channels"))
        let mismatch = harness.run("conv demo")
        #expect(!mismatch.ok && mismatch.output.contains("the image has 2 channels and the kernel 1 channel"))
        // channels=2 keeps the learner's 2-channel image and gives the kernel the defaults.
        let fixed = harness.run("conv demo channels=2")
        #expect(fixed.ok && fixed.output.contains("the demo's kernel did not have 2 channels"))
        #expect(fixed.output.contains("image 3x3 (ch 1)"))
        #expect(harness.run("conv reset").ok)
        #expect(harness.run("conv demo").output.contains("a 3x3 kernel slides over a 5x5 image, stride 1, padding 0"))
    }

    @Test(arguments: [
        ("conv image [1 2] [3 4] [5 6] [7 8]", "4 matrices; at most 3 channels"),
        ("conv image [1 2] [3 4; 5 6]", "image channel 2 is 2x2, channel 1 1x2: channels need the same shape"),
        ("conv image sobel-x", "no image named 'sobel-x'"),
        ("conv kernel sobel-x [1 0; 0 1]", "kernel channel 2 is 2x2, channel 1 3x3"),
        ("conv kernel [1 0] gauss", "no kernel named 'gauss'"),
        ("conv demo channels=4", "channels must be between 1 and 3"),
        ("conv demo bias=x", "bias must be a number"),
        ("conv demo dilation=9", "dilation must be between 1 and 4"),
        ("conv demo dilation=3", "the dilated kernel (7 rows) is larger than the padded image"),
        ("conv demo sigmoid", "unexpected argument 'sigmoid'"),
    ])
    func errors(line: String, message: String) {
        let (ok, output) = ReplHarness().run(line)
        #expect(!ok)
        #expect(output.hasPrefix("error: conv: ") && output.contains(message), "\(output)")
    }

    @Test func sameAtStrideTwoPadsLikeKeras() {
        // TensorFlow's rule for 28, K 3, S 2: 1 zero in all, none before, one after.
        let tutorial = ConvPadding.same(rows: 28, columns: 28, spanRows: 3, spanColumns: 3, stride: 2)
        #expect(tutorial == ConvPadding(top: 0, bottom: 1, left: 0, right: 1))
        #expect(ConvPadding.same(rows: 5, columns: 5, spanRows: 3, spanColumns: 3, stride: 2) == .uniform(1))
        #expect(ConvPadding.same(rows: 7, columns: 6, spanRows: 5, spanColumns: 5, stride: 2) == ConvPadding(top: 2, bottom: 2, left: 1, right: 2))
        let harness = ReplHarness()
        #expect(harness.run("conv image [1 2 3 4 5 6; 1 2 3 4 5 6; 1 2 3 4 5 6; 1 2 3 4 5 6; 1 2 3 4 5 6; 1 2 3 4 5 6]").ok)
        let (ok, output) = harness.run("conv demo stride=2 padding=same")
        #expect(ok, "\(output)")
        #expect(output.contains("a 3x3 kernel slides over a 6x6 image, stride 2, padding 'same'\n"))
        #expect(output.contains("rows: (ceil(6/2) - 1)*2 + 3 - 6 = 1 -> 0 at the top, 1 at the bottom"))
        #expect(output.contains("columns: (ceil(6/2) - 1)*2 + 3 - 6 = 1 -> 0 on the left, 1 on the right"))
        #expect(output.contains("(6 + 0 + 1 - 3) / 2 + 1 = 2 + 1 = 3"))
        // The image is drawn with zeros only on the right and at the bottom.
        #expect(output.contains("\n    1  2  3  4  5  6  .   "))
        #expect(output.contains("\n    .  .  .  .  .  .  .\n"))
        // The last window reads the padded row and column: rows 5-7, columns 5-7.
        #expect(output.contains("window 9 of 9: rows 5-7, columns 5-7"))
        #expect(output.contains("Every cell of the image is read by at least one window."))
        #expect(output.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func aStrideTwoDemoShowsTheBorderItNeverVisits() {
        let harness = ReplHarness()
        #expect(harness.run("conv image [1 2 3 4 5 6; 1 2 3 4 5 6; 1 2 3 4 5 6; 1 2 3 4 5 6; 1 2 3 4 5 6]").ok)
        let (ok, output) = harness.run("conv demo stride=2")
        #expect(ok, "\(output)")
        #expect(output.contains("columns: (6 - 3) / 2 + 1 = floor(1.5) + 1 = 2"))
        #expect(output.contains("windows reading each cell"))
        #expect(output.contains("    1  1  2  1  1[ 0]"))
        #expect(output.contains("Never visited (0, bracketed): image column 6."))
        #expect(!output.contains("window 3 of 4: rows 1-3, columns 5-7"))
    }

    @Test func dilationBracketsEachTap() {
        let (ok, output) = ReplHarness().run("conv demo dilation=2")
        #expect(ok, "\(output)")
        #expect(output.contains("K is the dilated span: D*(K-1) + 1 = 2*(3-1) + 1 = 5"))
        #expect(output.contains("a 1x1 feature map"))
        #expect(output.contains("  [ 2] 3[ 3] 0[ 1]"))
        // Taps at columns 1, 3, 5 of rows 1, 3, 5 of the default image under sobel-x.
        #expect(output.contains("sum: 2 + 0 - 1 + 6 + 0 + 0 + 3 + 0 - 1 = 9"), "\(output)")
    }
}
