import Foundation
import Testing

/// The README's session is real: each `convbook> CMD` block is what the binary prints.
@Suite struct ReadmeTests {
    /// The ```text blocks of the README's "A session" section.
    static func sessionBlocks() throws -> [String] {
        let readme = try String(contentsOf: LessonProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let section = readme.components(separatedBy: "## A session").dropFirst().first?
            .components(separatedBy: "\n## ").first else { return [] }
        return section.components(separatedBy: "```text\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
    }

    @Test func theTranscriptIsWhatTheBinaryPrints() throws {
        let blocks = try Self.sessionBlocks()
        #expect(blocks.count == 2)
        guard let transcript = blocks.first else { return }
        var commands: [String] = []
        var expected = ""
        for line in transcript.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("convbook> ") {
                commands.append(String(line.dropFirst("convbook> ".count)))
            } else {
                expected += line + "\n"
            }
        }
        #expect(commands.count >= 3)
        let result = try BinaryRunner.run(commands.flatMap { ["-c", $0] })
        #expect(result.status == 0)
        #expect(result.output == expected, "\(BinaryRunner.firstDifference(result.output, expected))")
    }

    @Test func theDemoWindowIsWhatConvDemoPrints() throws {
        let blocks = try Self.sessionBlocks()
        guard blocks.count > 1 else { Issue.record("no conv demo block"); return }
        let result = try BinaryRunner.run(["-c", "conv demo"])
        #expect(result.output.contains(blocks[1]), "the README's window is not in conv demo's output")
    }
}
