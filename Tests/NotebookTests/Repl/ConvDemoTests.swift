import Foundation
import TensorCore
import Testing
@testable import Notebook

/// `conv`: the demo's feature map against a direct sum, its output, stepping, the errors.
@Suite struct ConvDemoTests {
    /// The cross-correlation of `image` with `kernel`, zero padding `padding`, computed directly.
    static func directFeatureMap(image: [[Double]], kernel: [[Double]], stride: Int, padding: Int) -> [[Double]] {
        let rows = (image.count + 2 * padding - kernel.count) / stride + 1
        let columns = (image[0].count + 2 * padding - kernel[0].count) / stride + 1
        return (0..<rows).map { r in
            (0..<columns).map { c in
                var sum = 0.0
                for i in kernel.indices {
                    for j in kernel[0].indices {
                        let y = r * stride + i - padding, x = c * stride + j - padding
                        if y >= 0, y < image.count, x >= 0, x < image[0].count { sum += image[y][x] * kernel[i][j] }
                    }
                }
                return sum
            }
        }
    }

    @Test func featureMapMatchesADirectSum() throws {
        var random = SplitMix64(seed: 42)
        for _ in 0..<300 {
            let imageRows = Int.random(in: 1...12, using: &random), imageColumns = Int.random(in: 1...12, using: &random)
            let kernelRows = Int.random(in: 1...5, using: &random), kernelColumns = Int.random(in: 1...5, using: &random)
            let stride = Int.random(in: 1...3, using: &random), padding = Int.random(in: 0...2, using: &random)
            guard kernelRows <= imageRows + 2 * padding, kernelColumns <= imageColumns + 2 * padding else { continue }
            let image = (0..<imageRows).map { _ in (0..<imageColumns).map { _ in Double(Int.random(in: -9...9, using: &random)) } }
            let kernel = (0..<kernelRows).map { _ in (0..<kernelColumns).map { _ in Double(Int.random(in: -3...3, using: &random)) } }
            let state = ConvDemoState()
            state.image = ConvMatrix(image)
            state.kernel = ConvMatrix(kernel)
            try state.start(stride: stride, padding: padding)
            while !state.isFinished { _ = state.advance() }
            let expected = Self.directFeatureMap(image: image, kernel: kernel, stride: stride, padding: padding)
            #expect(state.featureMap.map { $0.map { $0 ?? .nan } } == expected)
            #expect(state.completeFeatureMap() == expected)
        }
    }

    @Test func theDefaultDemoPrintsEveryWindowOffATerminal() {
        let (ok, output) = ReplHarness().run("conv demo")
        #expect(ok)
        #expect(output.contains("cross-correlation"))
        #expect(output.contains("(5 - 3) / 1 + 1 = 2 + 1 = 3"))
        for window in 1...9 { #expect(output.contains("window \(window) of 9")) }
        #expect(output.contains("sum: 3 + 0 + 0 + 4 + 0 - 2 + 3 + 0 + 0 = 8"))
        #expect(output.contains("feature map is complete"))
        #expect(output.split(separator: "\n").allSatisfy { $0.count <= 80 })
        // The sums printed are the direct feature map, row by row.
        let expected = Self.directFeatureMap(image: ConvDemoState.defaultImage.rows, kernel: NamedKernel.sobelX.matrix.rows,
                                             stride: 1, padding: 0).joined()
        let sums = output.split(separator: "\n").filter { $0.hasPrefix("  sum:") }.compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
        #expect(sums == Array(expected))
    }

    /// Colour adds escape sequences and nothing else: the layout stays the same.
    @Test func colourDoesNotMoveAnything() {
        var coloured = TerminalCapabilities.plain
        coloured.color = .ansi256
        for line in ["conv demo stride=2 padding=1", "help", "help conv", "dims 28 3 2", "dims chain 28 3/2", "params conv 3 32 64",
                     "params dense 3 4", "params compare 28 28 1 3 32 2"] {
            let plain = ReplHarness().run(line).output
            let withColour = ReplHarness(capabilities: coloured).run(line).output
            #expect(withColour.contains("\u{1B}["), "\(line) has no colour")
            #expect(Self.strippingEscapes(withColour) == plain, "\(line)")
        }
    }

    /// `text` without SGR sequences, by a pattern: an oracle independent of
    /// `TextLayout.visibleCount`'s scan.
    static func strippingEscapes(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    @Test func paddingIsDrawnAndCounted() {
        let (ok, output) = ReplHarness().run("conv demo stride=2 padding=1")
        #expect(ok)
        #expect(output.contains("(5 + 2*1 - 3) / 2 + 1 = 2 + 1 = 3"))
        #expect(output.contains(" .  .  .  .  .  .  ."))
        #expect(output.contains("zero padding"))
        #expect(output.contains("window 1 of 9: rows 0-2, columns 0-2"))
    }

    @Test func onATerminalEnterStepsAndRunFinishes() {
        var capabilities = TerminalCapabilities.plain
        capabilities.isInteractive = true
        let harness = ReplHarness(capabilities: capabilities)
        let start = harness.run("conv demo")
        #expect(start.ok && start.output.contains("window 1 of 9") && !start.output.contains("window 2 of 9"))
        let enter = harness.run("")
        #expect(enter.ok && enter.output.contains("window 2 of 9") && !enter.output.contains("window 3 of 9"))
        let step = harness.run("conv step")
        #expect(step.ok && step.output.contains("window 3 of 9"))
        let rest = harness.run("conv run")
        #expect(rest.ok && rest.output.contains("window 9 of 9") && rest.output.contains("complete"))
        let after = harness.run("conv step")
        #expect(!after.ok && after.output.contains("every window has been shown"))
        #expect(harness.run("").ok)  // Enter with nothing left to step does nothing
    }

    @Test func customMatricesAndNamedKernels() {
        let harness = ReplHarness()
        #expect(harness.run("conv image [0 0 9 9; 0 0 9 9; 0 0 9 9; 0 0 9 9]").ok)
        #expect(harness.run("conv kernel [[1,0,-1],[1,0,-1],[1,0,-1]]").ok)
        let (ok, output) = harness.run("conv demo")
        #expect(ok && output.contains("a 2x2 feature map: 4 windows"))
        #expect(output.contains("sum: 0 + 0 - 9 + 0 + 0 - 9 + 0 + 0 - 9 = -27"))
        for name in NamedKernel.names {
            let (named, text) = harness.run("conv kernel \(name)")
            #expect(named && text.contains("kernel 3x3: \(name)"))
        }
        #expect(harness.run("conv kernel [1/2 1/4]").output.contains("0.5 0.25"))
    }

    @Test(arguments: [
        ("conv", "say what to do"),
        ("conv dance", "unknown sub-command 'dance'"),
        ("conv step", "no demo running"),
        ("conv run", "no demo running"),
        ("conv image [1 2; 3]", "row 2 has 1 value, row 1 has 2"),
        ("conv image [1 x]", "'x' is not a number"),
        ("conv image []", "image is empty"),
        ("conv image [1 2", "missing closing ']'"),
        ("conv image [1 nan]", "'nan' is not a number"),
        ("conv image [1 1e400]", "is not a number"),
        ("conv image [1 1e9]", "too large"),
        ("conv image [1/0]", "divides by zero"),
        ("conv image [1;2;3;4;5;6;7;8;9;10;11;12;13]", "13 rows; at most 12"),
        ("conv kernel [1 2 3 4 5 6 7 8 9 10 11 12 13]", "13 values; at most 12"),
        ("conv kernel gaussian", "no kernel named 'gaussian'"),
        ("conv demo stride=0", "stride must be between 1 and 12"),
        ("conv demo padding=9", "padding must be between 0 and 4"),
        ("conv demo size=3", "unknown option 'size='"),
        ("conv apply edge 1000", "INDEX must be between 0 and 999"),
        ("conv apply sobel 0", "no kernel named 'sobel'"),
    ])
    func errors(line: String, message: String) {
        let (ok, output) = ReplHarness().run(line)
        #expect(!ok)
        #expect(output.hasPrefix("error: conv: ") && output.contains(message), "\(output)")
        #expect(output.contains("\nusage: conv"))
    }

    @Test func aKernelLargerThanThePaddedImageIsAnError() {
        let harness = ReplHarness()
        #expect(harness.run("conv image [1 2; 3 4]").ok)
        let (ok, output) = harness.run("conv demo")
        #expect(!ok && output.contains("larger than the padded image") && output.contains("padding=1"))
        #expect(harness.run("conv demo padding=1").ok)
        #expect(harness.run("conv demo padding=same").ok)
    }

    @Test func applyDrawsARealImageAndItsFeatureMap() {
        let (ok, output) = ReplHarness().run("conv apply sobel-x 0")
        #expect(ok, "\(output)")
        #expect(output.contains("Ankle boot"))
        #expect(output.contains("(28 - 3) / 1 + 1 = 25 + 1 = 26"))
        #expect(output.contains("feature map"))
        #expect(output.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func applyComputesTheDirectSum() {
        let image = (0..<16).map(Double.init)
        let map = ConvApply.featureMap(image: image, rows: 4, columns: 4, kernel: ConvMatrix([[1, 0], [0, -1]]))
        let expected = Self.directFeatureMap(image: (0..<4).map { r in (0..<4).map { Double(r * 4 + $0) } },
                                             kernel: [[1, 0], [0, -1]], stride: 1, padding: 0)
        #expect(map.rows == 3 && map.columns == 3 && map.values == expected)
    }
}
