import Foundation
import Testing

/// Exact transcripts of the built binary, off a terminal, against the files in Snapshots/.
/// After an intended change of output, regenerate them with `make snapshots` and read the diff.
@Suite struct TranscriptTests {
    @Test(arguments: [
        ("dims-28-3-2", ["-c", "dims 28 3 2"]),
        ("dims-chain", ["-c", "dims chain 28 3/2 3/2 3/2"]),
        ("dims-dilation", ["-c", "dims 28 3 1 1 dilation=2"]),
        ("conv-demo", ["-c", "conv demo"]),
        ("conv-demo-stride-padding", ["-c", "conv kernel edge", "-c", "conv demo stride=2 padding=1"]),
        ("params-conv", ["-c", "params conv 3 32 64"]),
        ("params-dense", ["-c", "params dense 1,152 512"]),
        ("params-compare", ["-c", "params compare 28 28 1 3 32 2"]),
        ("help-conv", ["-c", "help conv"]),
        ("help-dims", ["-c", "help dims"]),
        ("help-params", ["-c", "help params"]),
    ])
    func transcript(name: String, arguments: [String]) throws {
        let result = try BinaryRunner.run(arguments)
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        let expected = try BinaryRunner.snapshot(name, actual: result.output)
        #expect(result.output == expected, "\(name): \(BinaryRunner.firstDifference(result.output, expected))")
        #expect(!result.output.contains("\u{1B}"), "escape sequences off a terminal")
        #expect(result.output.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    /// `help`'s first two groups are this part's commands; the rest belong to other parts and
    /// are checked for presence (ReplCoreTests), so their wording can change freely.
    @Test func helpOverviewStartsWithTheBasicsAndConvolution() throws {
        let result = try BinaryRunner.run(["-c", "help"])
        #expect(result.status == 0)
        let head = result.output.components(separatedBy: "\nData and model\n").first ?? ""
        let expected = try BinaryRunner.snapshot("help-head", actual: head)
        #expect(head == expected, "\(BinaryRunner.firstDifference(head, expected))")
        #expect(result.output.hasSuffix("Type 'help COMMAND' for details and an example, e.g. 'help conv'.\n"))
    }

    @Test func errorsTranscript() throws {
        let script = """
            # every line an error: one line each, then the usage
            dims 28 3.5
            dims 2 3
            dims 1e30 3
            dims chain 28 3/2 3/2 3/2 3/2
            params conv 3 x 64
            params pool 3
            conv image [1 2; 3]
            conv kernel [a b]
            conv kernel gaussian
            conv step
            dimz 28 3
            help nothing

            """
        let result = try BinaryRunner.run([], input: Data(script.utf8))
        #expect(result.status == 1)
        let expected = try BinaryRunner.snapshot("errors", actual: result.output)
        #expect(result.output == expected, "\(BinaryRunner.firstDifference(result.output, expected))")
        let lines = result.output.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("error: ") }.count == 12)
    }

    @Test func theMustShowFigures() throws {
        let dims = try BinaryRunner.run(["-c", "dims 28 3 2"])
        #expect(dims.output.contains("floor(12.5)") && dims.output.contains("= 13\n"))
        let params = try BinaryRunner.run(["-c", "params conv 3 32 64"])
        #expect(params.output.contains("= 18,496\n"))
    }
}
