import Testing
@testable import Notebook

@Suite struct ImageRendererTests {
    static let unicodeColor = TerminalCapabilities(isInteractive: true, color: .trueColor, unicode: true, width: 80)
    static let unicode256 = TerminalCapabilities(isInteractive: true, color: .ansi256, unicode: true, width: 80)
    static let unicodePlain = TerminalCapabilities(isInteractive: true, color: .none, unicode: true, width: 80)

    /// A 28x28 horizontal gradient: column c has brightness c * 255 / 27.
    static let gradient = PixelMap(rows: 28, columns: 28,
                                   bytes: (0..<784).map { UInt8(($0 % 28) * 255 / 27) })

    @Test func asciiRampRunsFromBlankToAt() {
        let lines = ImageRenderer.lines(Self.gradient, capabilities: .plain)
        #expect(lines.count == 28)
        #expect(lines.allSatisfy { $0.count == 28 })
        #expect(lines[0].first == " " && lines[0].last == "@")
        // The ramp is monotonic across the gradient.
        let indices = lines[0].map { ImageRenderer.asciiRamp.firstIndex(of: $0)! }
        #expect(indices == indices.sorted(), "\(lines[0])")
        #expect(Set(lines[0]).count == 10, "every ramp character used: \(lines[0])")
    }

    @Test func halfBlocksTakeTwoRowsPerLine() {
        let lines = ImageRenderer.lines(Self.gradient, capabilities: Self.unicodeColor)
        #expect(lines.count == 14)
        for line in lines {
            #expect(line.filter { $0 == "▀" }.count == 28)
            #expect(line.hasSuffix("\u{1B}[0m"))
        }
        #expect(lines[0].hasPrefix("\u{1B}[38;2;0;0;0;48;2;0;0;0m▀"), "\(lines[0].debugDescription)")
        #expect(lines[0].contains("\u{1B}[38;2;255;255;255;48;2;255;255;255m▀"))
    }

    @Test func oddRowCountPadsTheLastHalfWithBlack() {
        let map = PixelMap(rows: 3, columns: 2, bytes: [0, 255, 0, 255, 255, 0])
        let lines = ImageRenderer.lines(map, capabilities: Self.unicode256)
        #expect(lines.count == 2)
        #expect(lines[1] == "\u{1B}[38;5;231;48;5;16m▀\u{1B}[38;5;16;48;5;16m▀\u{1B}[0m")
    }

    @Test func greysMapToTheXtermRamp() {
        #expect(ImageRenderer.ansi256Grey(0) == 16)
        #expect(ImageRenderer.ansi256Grey(255) == 231)
        #expect(ImageRenderer.ansi256Grey(128) == 244)  // 8 + 12 * 10 = 128
        #expect(ImageRenderer.ansi256Grey(8) == 232)
        #expect(ImageRenderer.ansi256Grey(238) == 255)
    }

    @Test func shadesWithoutColour() {
        let map = PixelMap(rows: 1, columns: 5, bytes: [0, 60, 120, 180, 255])
        #expect(ImageRenderer.lines(map, capabilities: Self.unicodePlain) == [" ░▒▓█"])
    }

    @Test func symmetricScaleCentresZero() {
        let kernel = PixelMap(rows: 1, columns: 3, values: [-2, 0, 2])
        #expect(ImageRenderer.lines(kernel, scale: .symmetric, capabilities: .plain) == [" +@"])
        let constant = PixelMap(rows: 1, columns: 2, values: [0, 0])
        #expect(ImageRenderer.lines(constant, scale: .extent, capabilities: .plain) == ["  "])
        let nonFinite = PixelMap(rows: 1, columns: 2, values: [.nan, 1])
        #expect(ImageRenderer.lines(nonFinite, scale: .extent, capabilities: .plain) == [" @"])
    }

    @Test func enlargingRepeatsPixels() {
        let map = PixelMap(rows: 1, columns: 2, values: [1, 2]).enlarged(by: 2)
        #expect(map.rows == 2 && map.columns == 4)
        #expect(map.values == [1, 1, 2, 2, 1, 1, 2, 2])
    }
}
