import TensorCore
import Testing
@testable import Notebook

/// `pool demo`: the pooled map against a direct computation, the must-show 4x4 case, the
/// floor that drops a row, stepping on a terminal, and the errors.
@Suite struct PoolDemoTests {
    static let sixteen = "conv image [1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16]"

    @Test func maxPoolingTheFourByFourImageGives6_8_14_16() {
        let harness = ReplHarness()
        #expect(harness.run(Self.sixteen).ok)
        let (ok, output) = harness.run("pool demo max size=2")
        #expect(ok, "\(output)")
        #expect(output.contains("rows and columns: (4 - 2) / 2 + 1 = 1 + 1 = 2"))
        for (window, line) in ["max(1, 2, 5, 6) = 6", "max(3, 4, 7, 8) = 8", "max(9, 10, 13, 14) = 14", "max(11, 12, 15, 16) = 16"]
            .enumerated() {
            #expect(output.contains("window \(window + 1) of 4"))
            #expect(output.contains(line + ": kept, the other 3 dropped"))
        }
        #expect(output.contains("The 2x2 pooled map is complete: [6 8; 14 16]."))
        let finalMap = output.components(separatedBy: "pooled map\n").last ?? ""
        #expect(finalMap.split(separator: "\n").prefix(2).map { ReplHarness.numbers(in: String($0)) } == [[6, 8], [14, 16]])
        #expect(output.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func averagePoolingShowsTheMean() {
        let harness = ReplHarness()
        #expect(harness.run(Self.sixteen).ok)
        let (ok, output) = harness.run("pool demo average")
        #expect(ok)
        #expect(output.contains("mean: (1 + 2 + 5 + 6) / 4 = 14 / 4 = 3.5"))
        #expect(output.contains("[3.5 5.5; 11.5 13.5]"))
    }

    @Test func elevenWithTwoByTwoWindowsGivesFiveAndDropsTheLastRow() {
        let rows = (0..<11).map { r in (0..<11).map { String(r * 11 + $0) }.joined(separator: " ") }.joined(separator: "; ")
        let harness = ReplHarness()
        #expect(harness.run("conv image [\(rows)]").ok)
        let (ok, output) = harness.run("pool demo")
        #expect(ok, "\(output)")
        #expect(output.contains("(11 - 2) / 2 + 1 = floor(4.5) + 1 = 5"))
        #expect(output.contains("a 5x5 pooled map: 25 windows"))
        #expect(output.contains("row 11 and column 11 fall in no window"))
        #expect(output.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func thePooledMapMatchesADirectComputation() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let height = Int.random(in: 1...12, using: &random), width = Int.random(in: 1...12, using: &random)
            let size = Int.random(in: 1...min(height, width, 4), using: &random)
            let stride = Int.random(in: 1...3, using: &random)
            let mode: PoolDemoState.Mode = Bool.random(using: &random) ? .max : .average
            let image = (0..<height).map { _ in (0..<width).map { _ in Double(Int.random(in: -9...9, using: &random)) } }
            let demo = try PoolDemoState(image: ConvMatrix(image), mode: mode, size: size, stride: stride)
            while !demo.isFinished { _ = demo.advance() }
            let expected = (0...(height - size) / stride).map { r in
                (0...(width - size) / stride).map { c in
                    let window = (0..<size).flatMap { i in (0..<size).map { j in image[r * stride + i][c * stride + j] } }
                    return mode == .max ? window.max()! : window.reduce(0, +) / Double(window.count)
                }
            }
            #expect(demo.pooled.map { $0.map { $0 ?? .nan } } == expected)
            let dropped = (0..<height).filter { $0 >= ((height - size) / stride) * stride + size }
            #expect(demo.dropped(vertical: true) == dropped || stride > size)
        }
    }

    @Test func onATerminalEnterStepsAndRunFinishes() {
        var capabilities = TerminalCapabilities.plain
        capabilities.isInteractive = true
        let harness = ReplHarness(capabilities: capabilities)
        #expect(harness.run(Self.sixteen).ok)
        let start = harness.run("pool demo")
        #expect(start.ok && start.output.contains("window 1 of 4") && !start.output.contains("window 2 of 4"))
        let enter = harness.run("")
        #expect(enter.ok && enter.output.contains("window 2 of 4") && !enter.output.contains("window 3 of 4"))
        let rest = harness.run("pool run")
        #expect(rest.ok && rest.output.contains("window 4 of 4") && rest.output.contains("complete"))
        let after = harness.run("pool step")
        #expect(!after.ok && after.output.contains("every window has been shown"))
    }

    /// A lesson wraps the demo in its own stepper: `pool run` finds the demo all the same.
    @Test func poolRunFindsTheDemoWhenSomethingElseSteps() {
        var capabilities = TerminalCapabilities.plain
        capabilities.isInteractive = true
        let harness = ReplHarness(capabilities: capabilities)
        #expect(harness.run(Self.sixteen).ok)
        #expect(harness.run("pool demo").ok)
        harness.session.stepper = nil
        let rest = harness.run("pool run")
        #expect(rest.ok && rest.output.contains("window 4 of 4"), "\(rest.output)")
    }

    @Test func theFirstChannelOfAMultiChannelImage() {
        let harness = ReplHarness()
        #expect(harness.run("conv image [1 2; 3 4] [9 9; 9 9]").ok)
        let (ok, output) = harness.run("pool demo")
        #expect(ok && output.contains("(channel 1 of 2)") && output.contains("max(1, 2, 3, 4) = 4"))
    }

    @Test(arguments: [
        ("pool", "say what to do"),
        ("pool demo min", "the kind of pooling must be max or average, got 'min'"),
        ("pool demo size=6", "a 6x6 window does not fit the 5x5 image"),
        ("pool demo size=0", "size must be between 1 and 12"),
        ("pool demo stride=13", "stride must be between 1 and 12"),
        ("pool step", "no pooling demo running"),
        ("pool run", "no pooling demo running"),
    ])
    func errors(line: String, message: String) {
        let (ok, output) = ReplHarness().run(line)
        #expect(!ok)
        #expect(output.hasPrefix("error: pool: ") && output.contains(message), "\(output)")
    }
}
