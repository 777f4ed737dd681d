import Foundation
import Notebook

/// Runs the built `convbook` binary the way a learner would, off a terminal, in a fresh
/// working directory with private state, cache and home directories and `CONVBOOK_QUICK=1`.
///
/// The binary is `CONVBOOK_BIN` if set (`make test` sets the release build), else the debug
/// build under `.build/`.
enum LessonProcess {
    /// The package's top directory, from this file's place in it.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // the file, convbookTests, Tests
        return url
    }()

    static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["CONVBOOK_BIN"], !explicit.isEmpty { return explicit }
        return packageRoot.appendingPathComponent(".build/debug/convbook").path
    }

    /// What one run printed (standard output and error together) and its exit status.
    struct Result {
        let output: String
        let status: Int32
    }

    /// Runs `convbook arguments...` in `directory`, or in a new temporary directory that is
    /// removed afterwards.
    static func run(_ arguments: [String], in given: String? = nil) throws -> Result {
        let directory = given ?? temporaryDirectory()
        defer { if given == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = Self.environment(in: directory)
        environment["CONVBOOK_QUICK"] = "1"
        environment["CONVBOOK_LESSONS"] = packageRoot.appendingPathComponent("lessons").path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(output: String(decoding: data, as: UTF8.self), status: process.terminationStatus)
    }

    /// The environment of a run in `directory`: HOME and the XDG directories inside it, and
    /// from this process only PATH, LANG, the thread count and oneDNN's instruction caps (which
    /// this machine may set on purpose, and tests must not change).
    static func environment(in directory: String) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = ["HOME": directory, "XDG_STATE_HOME": directory + "/state",
                           "XDG_CACHE_HOME": directory + "/cache"]
        for key in ["PATH", "LANG", "CONVBOOK_THREADS", "ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"] {
            environment[key] = inherited[key]
        }
        return environment
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "convbook-e2e-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The lessons in the source tree, parsed.
    static func lessons() throws -> [Lesson] {
        try LessonCatalog.load(directory: packageRoot.appendingPathComponent("lessons").path).lessons
    }

    /// The ways a program might print `answer`: 18496 as "18496" or "18,496"; 13 as "13",
    /// "13x13"; a shape 13x13x32 also as "13, 13, 32"; a name as written.
    static func spellings(of check: Check) -> [String] {
        switch check.answer {
        case .name:
            return [check.answerText]
        case .numbers(let values):
            let texts = values.map { value -> (plain: String, grouped: String) in
                guard value == value.rounded(), abs(value) < 1e15 else { return ("\(value)", "\(value)") }
                let plain = String(Int(value))
                return (plain, grouped(Int(value)))
            }
            if texts.count == 1 { return [texts[0].plain, texts[0].grouped] }
            return [texts.map(\.plain).joined(separator: "x"), texts.map(\.plain).joined(separator: ", ")]
        }
    }

    private static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// Every decimal number written in `text` ("2.3026" -> 2.3026).
    static func numbers(in text: String) -> [Double] {
        text.split { !($0.isNumber || $0 == ".") }.compactMap { Double($0) }
    }

    /// Whether `text` holds `word` not glued to other digits (so "13" is not found in "135").
    static func contains(_ text: String, number word: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, options: [.caseInsensitive], range: searchRange) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
            if !before.isNumber && !after.isNumber && before != "," && before != "." { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }
}
