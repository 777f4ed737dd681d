import Foundation
import Testing

/// The REPL on a real pseudo-terminal (through util-linux `script`, skipped where it is
/// missing): history recall, Tab completion, Ctrl-C at the prompt, Ctrl-D.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
struct TerminalTests {
    /// A running `convbook` on a terminal: keystrokes in, everything shown on the screen out.
    final class Terminal: @unchecked Sendable {
        let process = Process()
        private let input = Pipe(), output = Pipe()
        private let lock = NSLock()
        private var screen = Data()

        /// How long `wait` waits, in seconds.
        var patience: TimeInterval = 15

        /// `convbook` on a terminal `columns` wide, run in `stateDirectory` (its working
        /// directory too, so nothing it writes lands in the repository), with `extra` added to
        /// its environment.
        init(stateDirectory: String, columns: Int = 100, environment extra: [String: String] = [:]) throws {
            BinaryRunner.ignoreBrokenPipes()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qfec", "stty cols \(columns) rows 40; exec '\(BinaryRunner.binary)'", "/dev/null"]
            process.currentDirectoryURL = URL(fileURLWithPath: stateDirectory)
            // A crash prints its backtrace into the test's log at once, instead of the Swift
            // runtime's interactive prompt on the terminal (which waited 30 s and showed nothing).
            var environment = ["HOME": stateDirectory, "XDG_STATE_HOME": stateDirectory, "TERM": "xterm", "NO_COLOR": "1",
                               "SWIFT_BACKTRACE": "interactive=no",
                               "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "INPUTRC": "/dev/null",
                               "CONVBOOK_LESSONS": LessonProcess.packageRoot.appendingPathComponent("lessons").path]
            environment.merge(extra) { $1 }
            for key in ["ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"] {  // this machine's caps, kept as they are
                environment[key] = ProcessInfo.processInfo.environment[key]
            }
            process.environment = environment
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            output.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self else { return }
                self.lock.lock()
                self.screen.append(data)
                self.lock.unlock()
            }
            try process.run()
        }

        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: screen, as: UTF8.self)
        }

        func type(_ keys: String) {
            input.fileHandleForWriting.write(Data(keys.utf8))
        }

        /// Waits until `text` has appeared `count` times on the screen; false after `patience` s.
        @discardableResult
        func wait(for needle: String, count: Int = 1) -> Bool {
            let deadline = Date().addingTimeInterval(patience)
            while Date() < deadline {
                if text.components(separatedBy: needle).count - 1 >= count { return true }
                usleep(20_000)
            }
            return false
        }

        /// Waits for the process to end; its status, or nil after 15 s.
        func waitForExit() -> Int32? {
            let deadline = Date().addingTimeInterval(15)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                process.terminate()
                return nil
            }
            return process.terminationStatus
        }
    }

    @Test func historyCompletionCtrlCAndCtrlD() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let terminal = try Terminal(stateDirectory: directory)
        #expect(terminal.wait(for: "convbook>"), "no prompt:\n\(terminal.text)")

        terminal.type("dims 28 3 2\r")
        #expect(terminal.wait(for: "= 13\r\n"))
        terminal.type("\u{1B}[A\r")  // Up, Enter: the same command again
        #expect(terminal.wait(for: "= 13\r\n", count: 2), "Up did not recall the line:\n\(terminal.text)")

        terminal.type("par\tconv 3 32 64\r")  // Tab completes "par" to "params "
        #expect(terminal.wait(for: "18,496"), "Tab did not complete 'par':\n\(terminal.text)")

        terminal.type("nonsense words")
        terminal.wait(for: "nonsense words")
        terminal.type("\u{03}")  // Ctrl-C: the line is dropped, the REPL stays
        #expect(terminal.wait(for: "^C"))
        terminal.type("dims 5 3\r")
        #expect(terminal.wait(for: "gives a 3x3 output"), "Ctrl-C at the prompt ended the REPL:\n\(terminal.text)")
        #expect(!terminal.text.contains("error: nonsense"), "the cleared line ran")

        terminal.type("\u{04}")  // Ctrl-D on an empty line leaves
        #expect(terminal.waitForExit() == 0)
        let history = try String(contentsOfFile: directory + "/convbook/history", encoding: .utf8)
        #expect(history == "dims 28 3 2\nparams conv 3 32 64\ndims 5 3\n")
    }

    /// A command that asks something (here `reset all`'s confirmation) gets nil on Ctrl-C: the
    /// question is cancelled, the REPL goes on, and the answer stays out of the history.
    @Test func ctrlCCancelsAQuestion() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let terminal = try Terminal(stateDirectory: directory)
        #expect(terminal.wait(for: "convbook>"))
        terminal.type("reset all\r")
        #expect(terminal.wait(for: "[y/N]"), "no question:\n\(terminal.text)")
        terminal.type("ye\u{03}")
        #expect(terminal.wait(for: "convbook>", count: 2), "Ctrl-C did not cancel the question:\n\(terminal.text)")
        terminal.type("dims 5 3\r")
        #expect(terminal.wait(for: "gives a 3x3 output"))
        terminal.type("\u{04}")
        #expect(terminal.waitForExit() == 0)
        let history = try String(contentsOfFile: directory + "/convbook/history", encoding: .utf8)
        #expect(history == "reset all\ndims 5 3\n")
    }

    @Test func historyIsKeptAcrossRuns() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/convbook", withIntermediateDirectories: true)
        try "dims 9 3\n".write(toFile: directory + "/convbook/history", atomically: true, encoding: .utf8)
        let terminal = try Terminal(stateDirectory: directory)
        #expect(terminal.wait(for: "convbook>"))
        terminal.type("\u{1B}[A\r")
        #expect(terminal.wait(for: "gives a 7x7 output"), "the last run's line was not recalled:\n\(terminal.text)")
        terminal.type("quit\r")
        #expect(terminal.waitForExit() == 0)
    }
}
