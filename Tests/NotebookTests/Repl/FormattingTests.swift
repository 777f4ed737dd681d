import Testing
@testable import Notebook

@Suite struct FormattingTests {
    @Test(arguments: [(0, "0"), (999, "999"), (1_000, "1,000"), (18_496, "18,496"), (-1_234_567, "-1,234,567"),
                      (Int.max, "9,223,372,036,854,775,807"), (Int.min, "-9,223,372,036,854,775,808")])
    func grouped(value: Int, text: String) {
        #expect(NumberFormat.grouped(value) == text)
    }

    @Test(arguments: [(3.0, "3"), (0.5, "0.5"), (1.0 / 9.0, "0.111"), (-0.0, "0"), (-2.5, "-2.5"), (12.3456, "12.346"),
                      (-0.0004, "0"), (1e20, "1e+20")])
    func decimal(value: Double, text: String) {
        #expect(NumberFormat.decimal(value) == text)
    }

    @Test func quotient() {
        #expect(NumberFormat.quotient(25, 2) == "12.5")
        #expect(NumberFormat.quotient(10, 3) == "~3.333")
        #expect(NumberFormat.quotient(1, 8) == "0.125")
    }

    @Test(arguments: [("18,496", 18_496), ("18496", 18_496), ("1_000", 1_000), ("-3", -3), ("+7", 7), ("1,000,000", 1_000_000)])
    func integersParse(text: String, value: Int) throws {
        #expect(try Arguments.integer(text, name: "N", in: Int.min...Int.max) == value)
    }

    @Test(arguments: ["1,2", "12,34", ",123", "1,,000", "1.5", "1e3", "", "-", "abc", "١٢", "0x10", "1 000"])
    func integersRejected(text: String) {
        #expect(throws: CommandError.self) { try Arguments.integer(text, name: "N", in: Int.min...Int.max) }
    }

    @Test func echoedInputIsPrintableAndShort() {
        #expect(CommandError.quoted("a\u{1B}[31mb\u{0}c") == "a?[31mb?c")
        #expect(CommandError.quoted(String(repeating: "x", count: 100)) == String(repeating: "x", count: 40) + "...")
        #expect(CommandError.quoted("\u{FFFD}") == "?")
    }

    @Test func wrapKeepsLinesWithinWidth() {
        let text = String(repeating: "word ", count: 50)
        let lines = TextLayout.wrap(text, width: 23)
        #expect(lines.allSatisfy { $0.count <= 23 })
        #expect(lines.joined(separator: " ") == text.trimmingCharacters(in: .whitespaces))
    }
}

import Foundation
