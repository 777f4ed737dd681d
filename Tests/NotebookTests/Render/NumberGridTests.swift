import Testing
@testable import Notebook

@Suite struct NumberGridTests {
    @Test func formatsWithoutNegativeZero() {
        #expect(NumberGrid.format(-0.0001, decimals: 2) == "0.00")
        #expect(NumberGrid.format(-0.4, decimals: 0) == "0")
        #expect(NumberGrid.format(-1.25, decimals: 1) == "-1.2" || NumberGrid.format(-1.25, decimals: 1) == "-1.3")
        #expect(NumberGrid.format(.nan, decimals: 2) == "nan")
    }

    @Test func bracketedKernel() {
        let kernel = PixelMap(rows: 3, columns: 3, values: [1, 0, -1, 2, 0, -2, 1, 0, -1])
        #expect(NumberGrid.lines(kernel, decimals: 0, brackets: true, capabilities: .plain) == [
            "[  1  0 -1 ]",
            "[  2  0 -2 ]",
            "[  1  0 -1 ]",
        ])
        let unicode = TerminalCapabilities(isInteractive: true, color: .none, unicode: true, width: 80)
        #expect(NumberGrid.lines(kernel, decimals: 0, brackets: true, capabilities: unicode).map { $0.first! } == ["⎡", "⎢", "⎣"])
    }

    @Test func wideGridsSplitIntoBandsThatFit() {
        let image = PixelMap(rows: 28, columns: 28, bytes: (0..<784).map { UInt8($0 % 256) })
        let lines = NumberGrid.lines(image, decimals: 0, indices: true, capabilities: .plain)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.map(\.count).max()!)")
        // Two bands of 29 lines (header + 28 rows) separated by a blank line.
        #expect(lines.count == 2 * 29 + 1)
        #expect(lines[0].hasPrefix("     0   1   2"))
        #expect(lines[1].hasPrefix(" 0   0   1   2"))
        #expect(lines[30].trimmingCharacters(in: .whitespaces).hasPrefix("14 "), "two bands of 14")
        #expect(lines[31].hasSuffix("27"), "row 0 ends with column 27's value: \(lines[31])")
    }
}

import Foundation
