import Foundation

/// Runs the built `convbook` binary with given arguments and standard input, off a terminal,
/// in a private temporary directory (HOME and the XDG directories inside it).
///
/// The binary is `CONVBOOK_BIN` if set (`make test` sets the release build), else
/// `.build/debug/convbook`.
enum BinaryRunner {
    struct Result {
        /// Standard output.
        let output: String
        /// Standard error.
        let errors: String
        let status: Int32
        /// True when the process ended by calling exit, false when a signal killed it.
        let exitedNormally: Bool
    }

    static var binary: String { LessonProcess.binary }

    /// Runs `convbook arguments...` with `input` on standard input (nothing if nil).
    static func run(_ arguments: [String], input: Data? = nil, environment extra: [String: String] = [:]) throws -> Result {
        ignoreBrokenPipes()
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (process, output, errors) = prepared(executable: binary, arguments: arguments, in: directory, environment: extra)
        let standardInput = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : standardInput
        try process.run()
        // Read both pipes while feeding input, so no side blocks on a full pipe buffer.
        let group = DispatchGroup()
        nonisolated(unsafe) var outputData = Data(), errorData = Data()
        DispatchQueue.global().async(group: group) { outputData = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        if let input {
            let handle = standardInput.fileHandleForWriting
            try? handle.write(contentsOf: input)  // the binary may quit before reading it all
            try? handle.close()
        }
        group.wait()
        process.waitUntilExit()
        return Result(output: String(decoding: outputData, as: UTF8.self), errors: String(decoding: errorData, as: UTF8.self),
                      status: process.terminationStatus, exitedNormally: process.terminationReason == .exit)
    }

    /// A process for `executable arguments...` in `directory`, not yet started: the tests'
    /// environment (`LessonProcess.environment`, UTF-8, one thread), then `extra`;
    /// `defaults` only where the environment has no value. Its output and errors go to pipes.
    static func prepared(executable: String, arguments: [String], in directory: String,
                         environment extra: [String: String], defaults: [String: String] = [:]) -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = LessonProcess.environment(in: directory)
        environment.merge(defaults.merging(["PATH": "/usr/bin:/bin"]) { current, _ in current }) { current, _ in current }
        environment["LANG"] = "C.UTF-8"
        environment["CONVBOOK_THREADS"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        return (process, output, errors)
    }

    /// Writing input to a binary that has already quit must be an error, not SIGPIPE
    /// killing the test runner.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// The snapshot named `name` (Tests/convbookTests/Snapshots/NAME.txt); with
    /// UPDATE_SNAPSHOTS=1 in the environment, `actual` is written there first.
    static func snapshot(_ name: String, actual: String) throws -> String {
        let url = LessonProcess.packageRoot.appendingPathComponent("Tests/convbookTests/Snapshots/\(name).txt")
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Where two texts first differ, for a failure message.
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let actualLines = actual.components(separatedBy: "\n"), expectedLines = expected.components(separatedBy: "\n")
        for index in 0..<max(actualLines.count, expectedLines.count) {
            let a = index < actualLines.count ? actualLines[index] : "<end>"
            let e = index < expectedLines.count ? expectedLines[index] : "<end>"
            if a != e { return "line \(index + 1):\n  expected: \(e)\n  actual:   \(a)" }
        }
        return "identical"
    }
}
