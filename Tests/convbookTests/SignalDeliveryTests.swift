#if os(Linux)
import Foundation
import Synchronization
import Testing

/// Ctrl-C must never interrupt a thread in the middle of a matrix product: oneDNN 2.x's JIT
/// products point the stack pointer into the heap, and a signal frame pushed there corrupts
/// it (see `SignalHandling`). Checked on a running `convbook` through /proc: while it trains,
/// the main thread and the worker team block SIGINT and some other thread takes it; then
/// SIGINT stops the training as a Ctrl-C does.
@Suite struct SignalDeliveryTests {
    @Test func whileTrainingOnlyAThreadThatDoesNotComputeTakesCtrlC() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LessonProcess.binary)
        process.arguments = ["-c", "model tutorial", "-c", "compile", "-c", "train epochs=100 limit=4000"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = LessonProcess.environment(in: directory)
        environment["CONVBOOK_THREADS"] = "2"  // a worker team, whatever this machine's cores
        process.environment = environment
        let output = Mutex("")
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.withLock { $0 += text }
        }
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let pid = process.processIdentifier
        let deadline = Date().addingTimeInterval(120)
        var threads: [ThreadState] = []
        while Date() < deadline, process.isRunning {
            threads = ThreadState.all(of: pid)
            if output.withLock({ $0.contains("training on") }), threads.contains(where: \.isWorker) { break }
            usleep(50_000)
        }
        usleep(300_000)  // well into the steps
        threads = ThreadState.all(of: pid)
        let soFar = output.withLock { $0 }, hasWorker = threads.contains { $0.isWorker }
        try #require(hasWorker, "no worker thread while training:\n\(soFar)")
        for thread in threads where thread.id == pid || thread.isWorker {
            #expect(thread.blocksInterrupt, "thread \(thread.id) (\(thread.name)) can take Ctrl-C")
        }
        #expect(threads.contains { !$0.blocksInterrupt }, "no thread takes Ctrl-C: \(threads)")

        kill(pid, SIGINT)
        process.waitUntilExit()
        pipe.fileHandleForReading.readabilityHandler = nil
        let text = output.withLock { $0 } + String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(text)")
        #expect(text.contains("stopped (Ctrl-C)"), "\(text)")
    }

    /// One thread of a process as /proc shows it.
    struct ThreadState: CustomStringConvertible {
        let id: Int32
        let name: String
        let blocksInterrupt: Bool
        var isWorker: Bool { name == "convbook-worker" }
        var description: String { "\(id) \(name) \(blocksInterrupt ? "blocks" : "takes") SIGINT" }

        static func all(of pid: Int32) -> [ThreadState] {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
            return tasks.compactMap { task in
                let path = "/proc/\(pid)/task/\(task)"
                guard let id = Int32(task),
                      let name = try? String(contentsOfFile: path + "/comm", encoding: .utf8),
                      let status = try? String(contentsOfFile: path + "/status", encoding: .utf8),
                      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigBlk:") }),
                      let mask = UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16)
                else { return nil }
                return ThreadState(id: id, name: name.trimmingCharacters(in: .newlines),
                                   blocksInterrupt: mask & (1 << (UInt64(SIGINT) - 1)) != 0)
            }
        }
    }
}
#endif
