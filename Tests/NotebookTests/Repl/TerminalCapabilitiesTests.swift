import Testing
@testable import Notebook

@Suite struct TerminalCapabilitiesTests {
    @Test func colourFollowsTermAndNoColor() {
        let base = ["TERM": "xterm-256color", "LANG": "en_GB.UTF-8"]
        #expect(TerminalCapabilities.terminal(environment: base, width: 100).color == .ansi256)
        #expect(TerminalCapabilities.terminal(environment: base.merging(["COLORTERM": "truecolor"]) { $1 }, width: 100).color == .trueColor)
        #expect(TerminalCapabilities.terminal(environment: base.merging(["NO_COLOR": "1"]) { $1 }, width: 100).color == .none)
        #expect(TerminalCapabilities.terminal(environment: base.merging(["NO_COLOR": ""]) { $1 }, width: 100).color == .ansi256)
        #expect(TerminalCapabilities.terminal(environment: ["TERM": "dumb", "LANG": "C.UTF-8"], width: 100) ==
                TerminalCapabilities(isInteractive: true, color: .none, unicode: false, width: 100))
        #expect(TerminalCapabilities.terminal(environment: [:], width: nil).color == .none)
    }

    @Test func unicodeFollowsTheLocale() {
        #expect(TerminalCapabilities.terminal(environment: ["TERM": "xterm", "LANG": "C.UTF-8"], width: 80).unicode)
        #expect(!TerminalCapabilities.terminal(environment: ["TERM": "xterm", "LANG": "C"], width: 80).unicode)
        #expect(!TerminalCapabilities.terminal(environment: ["TERM": "xterm", "LC_ALL": "C", "LANG": "C.UTF-8"], width: 80).unicode)
        #expect(TerminalCapabilities.terminal(environment: ["TERM": "xterm", "LC_ALL": "", "LANG": "C.UTF-8"], width: 80).unicode)
    }

    @Test func widthFromTheTerminalElseColumns() {
        #expect(TerminalCapabilities.terminal(environment: ["COLUMNS": "120"], width: 90).width == 90)
        #expect(TerminalCapabilities.terminal(environment: ["COLUMNS": "120"], width: nil).width == 120)
        #expect(TerminalCapabilities.terminal(environment: ["COLUMNS": "99999999"], width: nil).width == 1_000)
        #expect(TerminalCapabilities.terminal(environment: ["COLUMNS": "x"], width: nil).width == 80)
    }

    /// Narrow or huge terminals change the layout, never break it.
    @Test(arguments: [1, 10, 30, 45, 200])
    func anyWidthWorks(width: Int) {
        var capabilities = TerminalCapabilities.plain
        capabilities.width = width
        for line in ["conv demo stride=2 padding=2", "help", "help conv", "dims 28 3 2", "params compare 28 28 1 3 32 2",
                     "conv apply blur 7"] {
            let (ok, output) = ReplHarness(capabilities: capabilities).run(line)
            #expect(ok && !output.isEmpty, "\(line) at \(width) columns")
        }
    }
}

/// Prose that a command wraps itself is wrapped at the console's width: wrapped wider, the
/// console would break each of its lines again and leave a ragged paragraph.
@Suite struct NarrowProseTests {
    @Test(arguments: [60, 100])
    func paramsComparesClosingParagraphIsOneEvenParagraph(width: Int) {
        var capabilities = TerminalCapabilities.plain
        capabilities.width = width
        let (ok, output) = ReplHarness(capabilities: capabilities).run("params compare 28 28 1 3 32 2")
        #expect(ok)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.firstIndex(where: { $0.hasPrefix("The dense layer needs") }) else {
            Issue.record("no closing paragraph in:\n\(output)")
            return
        }
        let paragraph = Array(lines[first...].prefix { !$0.isEmpty })
        #expect(paragraph.joined(separator: " ").hasSuffix("a separate weight for every input-output pair."))
        let limit = min(width, 78)
        for (line, next) in zip(paragraph, paragraph.dropFirst()) {
            #expect(line.count <= limit, "\(line.count) columns: '\(line)'")
            // Greedy: the next line's first word would not have fitted on this one.
            let word = next.split(separator: " ").first.map(String.init) ?? ""
            #expect(line.count + 1 + word.count > limit, "'\(line)' had room for '\(word)' at \(width) columns")
        }
    }
}
