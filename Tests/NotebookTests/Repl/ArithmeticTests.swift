import TensorCore
import Testing
@testable import Notebook

/// `dims` and `params`: the formula against brute force, the worked text, the errors.
@Suite struct ArithmeticTests {
    /// Slides a kernel (with dilation) along a padded line and counts where it fits.
    static func bruteForcePositions(input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int) -> Int {
        var count = 0
        var start = 0
        while start + (kernel - 1) * dilation <= input + 2 * padding - 1 {
            count += 1
            start += stride
        }
        return count
    }

    @Test func outputSizeMatchesBruteForceCount() {
        var random = SplitMix64(seed: 7)
        var checked = 0
        for _ in 0..<5_000 {
            let input = Int.random(in: 1...64, using: &random)
            let kernel = Int.random(in: 1...9, using: &random)
            let stride = Int.random(in: 1...5, using: &random)
            let padding = Int.random(in: 0...4, using: &random)
            let dilation = Int.random(in: 1...3, using: &random)
            let expected = Self.bruteForcePositions(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation)
            let formula = ConvolutionArithmetic.outputSize(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation)
            #expect(formula == (expected == 0 ? nil : expected),
                    "IN \(input) K \(kernel) S \(stride) P \(padding) D \(dilation): brute force \(expected), formula \(String(describing: formula))")
            checked += 1
        }
        #expect(checked == 5_000)
    }

    @Test func dimsTextMatchesBruteForce() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<300 {
            let input = Int.random(in: 3...40, using: &random)
            let kernel = Int.random(in: 1...5, using: &random)
            let stride = Int.random(in: 1...4, using: &random)
            let padding = Int.random(in: 0...2, using: &random)
            let dilation = Int.random(in: 1...2, using: &random)
            let harness = ReplHarness()
            let (ok, output) = harness.run("dims \(input) \(kernel) \(stride) \(padding) dilation=\(dilation)")
            let expected = Self.bruteForcePositions(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation)
            if expected == 0 {
                #expect(!ok && output.contains("larger than the padded input"), "\(output)")
            } else {
                #expect(ok && output.contains("       = \(expected)\n"), "expected \(expected):\n\(output)")
                #expect(output.contains("gives a \(expected)x\(expected) output"))
            }
        }
    }

    @Test func unvisitedRowsMatchAWalkOverEveryTap() {
        var random = SplitMix64(seed: 3)
        for _ in 0..<2_000 {
            let input = Int.random(in: 1...30, using: &random)
            let kernel = Int.random(in: 1...5, using: &random)
            let stride = Int.random(in: 1...6, using: &random)
            let padding = Int.random(in: 0...2, using: &random)
            let dilation = Int.random(in: 1...3, using: &random)
            guard let missed = ConvolutionArithmetic.unvisited(input: input, kernel: kernel, stride: stride,
                                                               padding: padding, dilation: dilation) else { continue }
            // Independent check: a row is visited if some window start s (s = i*stride, window
            // inside the padded input) and tap j give s + j*dilation - padding == row.
            let span = (kernel - 1) * dilation + 1
            let starts = Swift.stride(from: 0, through: input + 2 * padding - span, by: stride)
            let visited = Set(starts.flatMap { start in (0..<kernel).map { start + $0 * dilation - padding } })
            let expected = (0..<input).filter { !visited.contains($0) }
            #expect(missed == expected, "IN \(input) K \(kernel) S \(stride) P \(padding) D \(dilation)")
        }
    }

    @Test func dims28By3Stride2ShowsTheFloor() {
        let (ok, output) = ReplHarness().run("dims 28 3 2")
        #expect(ok)
        #expect(output.contains("(28 + 2*0 - 3) / 2 + 1"))
        #expect(output.contains("floor(12.5)"))
        #expect(output.contains("= 13\n"))
        #expect(output.contains("input row 28"))
        #expect(output.contains("ceil(28 / 2) = 14"))
    }

    @Test func dimsChainFollowsTheTutorialStack() {
        let (ok, output) = ReplHarness().run("dims chain 28 3/2 3/2 3/2")
        #expect(ok)
        #expect(output.hasPrefix("28 -> 13 -> 6 -> 2\n"))
        let (paddedOk, padded) = ReplHarness().run("dims chain 28 3/1/1 3/2 5")
        #expect(paddedOk)
        #expect(padded.hasPrefix("28 -> 28 -> 13 -> 9\n"))
    }

    @Test(arguments: [
        ("dims 28 3.5", "K must be a whole number"),
        ("dims 28 0", "K must be between 1"),
        ("dims -5 3", "IN must be between 1"),
        ("dims 28 3 0", "S must be between 1"),
        ("dims 28 3 1 -1", "P must be between 0"),
        ("dims 2 3", "kernel 3 is larger than the padded input 2 + 2*0 = 2"),
        ("dims 5 3 dilation=3", "the dilated kernel (7 cells) is larger"),
        ("dims 99999999999999999999999999 3", "IN must be between 1 and 1,000,000"),
        ("dims 1e308 3", "IN must be between 1 and 1,000,000"),
        ("dims abc 3", "IN must be a number"),
        ("dims 28", "missing K"),
        ("dims 28 3 2 0 7", "unexpected argument '7'"),
        ("dims 28 3 strides=2", "unknown option 'strides=' (did you mean 'stride='?)"),
        ("dims 28 3 strid=2", "unknown option 'strid=' (did you mean 'stride='?)"),
        ("dims 28 3 2 stride=3", "the stride is given twice with different values (2 and 3)"),
        ("dims 28 3 2 1 padding=same", "the padding is given twice"),
        ("dims chain 28", "missing a layer (K/S or K/S/P)"),
        ("dims chain 28 3/2/1/4", "layer 1: expected K/S or K/S/P"),
        ("dims chain 28 3/2 3/2 3/2 3/2", "layer 4: kernel 3 is larger than the padded input 2"),
        ("dims chain 28 3/x", "layer 1 S must be a number"),
    ])
    func dimsErrors(line: String, message: String) {
        let (ok, output) = ReplHarness().run(line)
        #expect(!ok)
        #expect(output.hasPrefix("error: dims: ") && output.unwrapped.contains(message), "\(output)")
        #expect(output.contains("\nusage: dims"))
    }

    /// Issue 9: `stride=` and `padding=` mean in `dims` what they mean in `conv demo` and `add conv`.
    @Test func dimsTakesTheSameKeywordsAsTheLayers() {
        #expect(ReplHarness().run("dims 28 3 stride=2").output == ReplHarness().run("dims 28 3 2").output)
        #expect(ReplHarness().run("dims 5 3 padding=1").output == ReplHarness().run("dims 5 3 1 1").output)
        let (ok, output) = ReplHarness().run("dims 28 3 stride=2 padding=same")
        #expect(ok)
        #expect(output.contains("output = ceil(28 / 2) = 14"), "\(output)")
        #expect(output.contains("Per side: 0 at the top and left, 1 at the bottom and right"), "\(output)")
    }

    @Test func dimsChainIsBounded() {
        let line = "dims chain 1000 " + Array(repeating: "1", count: 65).joined(separator: " ")
        let (ok, output) = ReplHarness().run(line)
        #expect(!ok && output.contains("at most 64 layers, got 65"))
    }

    @Test func paramsConvShowsTheArithmetic() {
        let (ok, output) = ReplHarness().run("params conv 3 32 64")
        #expect(ok)
        #expect(output.contains("(3*3*32 + 1) * 64 = 289 * 64"))
        #expect(output.contains("= 18,496\n"))
        #expect(output.contains("3*3*32*64 = 18,432"))
    }

    @Test func paramsAcceptGroupedNumbers() {
        let (ok, output) = ReplHarness().run("params dense 1,152 512")
        #expect(ok)
        #expect(output.contains("1,152 * 512 = 589,824"))
        #expect(output.contains("= 590,336\n"))
        #expect(ReplHarness().run("params dense 1_152 512").output == output)
    }

    @Test func paramsCompareTheTutorialsFirstLayer() {
        let (ok, output) = ReplHarness().run("params compare 28 28 1 3 32 2")
        #expect(ok)
        #expect(output.contains("13x13x32 = 5,408 values"))
        #expect(output.contains("= 320\n"))
        #expect(output.contains("784 * 5,408 + 5,408 = 4,245,280"))
        #expect(output.contains("4,245,280 / 320 = 13,266.5"))
        #expect(output.contains("shares its\nweights") || output.contains("shares"))
        #expect(output.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func paramsMatchBruteForceSums() throws {
        var random = SplitMix64(seed: 5)
        for _ in 0..<200 {
            let kernel = Int.random(in: 1...7, using: &random)
            let channels = Int.random(in: 1...64, using: &random)
            let filters = Int.random(in: 1...128, using: &random)
            var weights = 0
            for _ in 0..<filters { weights += kernel * kernel * channels + 1 }
            #expect(try ParamsCommand.conv(kernel: kernel, inputChannels: channels, filters: filters).count == weights)
            let inputs = Int.random(in: 1...2_000, using: &random)
            #expect(try ParamsCommand.dense(inputs: inputs, units: filters).count == inputs * filters + filters)
        }
    }

    @Test(arguments: [
        ("params", "say what to do: conv, dense or compare"),
        ("params pool 3 3", "unknown sub-command 'pool' (expected conv, dense or compare)"),
        ("params conv 3 32", "missing FILTERS"),
        ("params conv 3 1,2 4", "CIN must be a number"),
        ("params conv 3 32 0", "FILTERS must be between 1"),
        ("params conv 1000 1000000 1000000", ""),
        ("params dense 1000000 1000000", ""),
        ("params compare 1000000 1000000 1000000 3 1000000", "too large to compute"),
        ("params compare 2 2 1 3 4", "kernel 3 is larger than the 2x2 input"),
        ("params dense 12.5 3", "IN must be a whole number"),
    ])
    func paramsEdges(line: String, message: String) {
        let (ok, output) = ReplHarness().run(line)
        if message.isEmpty {
            #expect(ok, "\(output)")
        } else {
            #expect(!ok && output.hasPrefix("error: params: ") && output.contains(message), "\(output)")
        }
    }
}
