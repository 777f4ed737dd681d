import Foundation
import Testing

/// Every script in examples/ run as `convbook FILE` by the real binary (training cut short
/// by CONVBOOK_QUICK=1, files written to a temporary directory): each must succeed.
@Suite struct ExampleScriptTests {
    static let examples = LessonProcess.packageRoot.appendingPathComponent("examples")

    @Test func theFourExamplesExist() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path)
        for name in ["tour.cb", "edge-detection.cb", "train-fashion-mnist.cb", "custom-model.cb"] {
            #expect(names.contains(name), "examples/\(name) is missing")
        }
    }

    @Test(arguments: try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".cb") }.sorted())
    func exampleRuns(name: String) throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try LessonProcess.run([Self.examples.appendingPathComponent(name).path], in: directory)
        #expect(result.status == 0, "examples/\(name) failed:\n\(result.output)")
        #expect(!result.output.contains("error:"), "examples/\(name):\n\(result.output)")
        #expect(!result.output.contains("warning:"), "examples/\(name):\n\(result.output)")
        switch name {
        case "tour.cb":
            #expect(result.output.contains("28 -> 13 -> 6 -> 2"))
            #expect(LessonProcess.contains(result.output, number: "13,266.5"))
        case "train-fashion-mnist.cb":
            #expect(LessonProcess.contains(result.output, number: "360,458"))
            #expect(FileManager.default.fileExists(atPath: directory + "/fashion-mnist-cnn.safetensors"))
            #expect(FileManager.default.fileExists(atPath: directory + "/fashion-mnist-curves.svg"))
        default:
            break
        }
    }
}
