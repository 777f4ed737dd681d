#if os(Linux)
import Foundation
import Synchronization
import Testing

/// Ctrl-C must never interrupt a thread in the middle of a matrix product: oneDNN 2.x's JIT
/// products point the stack pointer into the heap, and a signal frame pushed there corrupts
/// it (see `SignalHandling`). Checked on a running `convbook` through /proc: while it trains
/// (on the bundled sample), the main thread and the worker team block SIGINT and some other
/// thread takes it; then SIGINT stops the training as a Ctrl-C does.
@Suite struct SignalDeliveryTests {
    @Test func whileTrainingOnlyAThreadThatDoesNotComputeTakesCtrlC() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LessonProcess.binary)
        process.arguments = ["-c", "data sample", "-c", "model tutorial", "-c", "compile", "-c", "train epochs=1000"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = LessonProcess.environment(in: directory)
        environment["CONVBOOK_THREADS"] = "2"  // a worker team, whatever this machine's cores
        process.environment = environment
        let output = OutputCollector()
        process.standardOutput = output.pipe
        process.standardError = output.pipe
        process.standardInput = FileHandle.nullDevice
        // The child inherits this thread's mask, and the test runner's threads block SIGINT:
        // start it with nothing blocked, so that only convbook's own blocking is measured.
        var runnerMask = sigset_t(), nothing = sigset_t()
        sigemptyset(&nothing)
        pthread_sigmask(SIG_SETMASK, &nothing, &runnerMask)
        defer { pthread_sigmask(SIG_SETMASK, &runnerMask, nil) }
        try process.run()
        pthread_sigmask(SIG_SETMASK, &runnerMask, nil)
        output.startReading()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let pid = process.processIdentifier
        let started = Date().addingTimeInterval(120)
        while Date() < started, process.isRunning, !output.text.contains("training on") { usleep(50_000) }
        let training = Date().addingTimeInterval(5)
        while Date() < training, process.isRunning, !ThreadState.all(of: pid).contains(where: \.isWorker) { usleep(50_000) }
        usleep(300_000)  // well into the steps
        let threads = ThreadState.all(of: pid), soFar = output.text
        let main = try #require(threads.first { $0.id == pid }, "no main thread:\n\(soFar)")
        #expect(main.blocksInterrupt, "the main thread, which computes, can take Ctrl-C")
        let workers = threads.filter(\.isWorker)
        #expect(!workers.isEmpty, "no worker thread while training: \(threads)\n\(soFar)")
        for worker in workers {
            #expect(worker.blocksInterrupt, "worker \(worker.id) can take Ctrl-C")
        }
        #expect(threads.contains { !$0.blocksInterrupt }, "no thread takes Ctrl-C: \(threads)")

        kill(pid, SIGINT)
        let exited = Date().addingTimeInterval(60)
        while process.isRunning, Date() < exited { usleep(20_000) }
        try #require(!process.isRunning, "still running 60 s after SIGINT:\n\(output.text)")
        let text = output.waitForEnd()
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(text)")
        #expect(text.contains("stopped (Ctrl-C)"), "\(text)")
    }

    /// A child's standard output and error, read on a thread of its own until the end.
    final class OutputCollector: Sendable {
        let pipe = Pipe()
        private let collected = Mutex("")
        private let ended = DispatchSemaphore(value: 0)

        var text: String { collected.withLock { $0 } }

        func startReading() {
            let handle = pipe.fileHandleForReading
            Thread {
                while case let data = handle.availableData, !data.isEmpty {
                    self.collected.withLock { $0 += String(decoding: data, as: UTF8.self) }
                }
                self.ended.signal()
            }.start()
        }

        /// Everything the child wrote, once it has closed its end (at most 10 s after it exits).
        func waitForEnd() -> String {
            try? pipe.fileHandleForWriting.close()
            _ = ended.wait(timeout: .now() + 10)
            return text
        }
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
