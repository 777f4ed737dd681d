import Foundation

/// `python3 -m http.server` on 127.0.0.1 serving a directory, for the download tests
/// (there is no internet in tests). Stopped by `stop()`, which ends only this process.
final class LocalHTTPServer {
    /// python3 on the PATH, or nil (the download tests are then skipped).
    static let python: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    let baseURL: String
    private let process: Process

    /// Starts serving `directory` on a free port and waits until it listens.
    init(directory: String) throws {
        guard let python = Self.python else { throw CocoaError(.fileNoSuchFile) }
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        // Port 0: the system picks a free port, which the server prints first.
        process.arguments = ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", directory]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(10)
        while !text.contains(")"), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"port (\d+)"#, options: .regularExpression),
              let port = Int(text[range].dropFirst(5)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw CocoaError(.fileReadUnknown)
        }
        baseURL = "http://127.0.0.1:\(port)/"
    }

    /// Kills the server (SIGKILL: a child of the test runner may inherit SIGTERM blocked)
    /// and waits for it.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}
