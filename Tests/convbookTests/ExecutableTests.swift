import Foundation
import TensorCore
import Testing

/// The executable's contract off a terminal: the input sources, the exit status, and that
/// nothing fed to it crashes it.
@Suite struct ExecutableTests {
    @Test func exitStatusIsZeroOnlyWhenEveryCommandSucceeds() throws {
        #expect(try BinaryRunner.run(["-c", "dims 28 3 2", "-c", "params dense 10 10"]).status == 0)
        let failing = try BinaryRunner.run(["-c", "dims 28 3 2", "-c", "dims 1 3", "-c", "params dense 10 10"])
        #expect(failing.status == 1)
        #expect(failing.output.contains("error: dims:") && failing.output.contains("= 110\n"), "runs on after a failure")
    }

    @Test func standardInputAndScriptsRunInOrder() throws {
        let script = "# a comment\n\ndims 28 3 2\r\nparams conv 3 32 64\n"
        let piped = try BinaryRunner.run([], input: Data(script.utf8))
        #expect(piped.status == 0 && piped.output.contains("= 13\n") && piped.output.contains("= 18,496\n"))
        #expect(!piped.output.contains("convbook>"), "no prompt off a terminal")
        let path = NSTemporaryDirectory() + "convbook-script-\(UUID().uuidString).cb"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try BinaryRunner.run([path])
        #expect(file.status == 0 && file.output == piped.output)
    }

    @Test func quitStopsTheRun() throws {
        let result = try BinaryRunner.run([], input: Data("dims 5 3\nquit\ndims 1 3\n".utf8))
        #expect(result.status == 0 && !result.output.contains("error"))
        #expect(try BinaryRunner.run(["-c", "exit", "-c", "nonsense"]).status == 0)
    }

    /// `CONVBOOK_THREADS` sets how many cores train: one core never waits for another, and two
    /// split each batch (so the dropout masks, and the losses, differ from one core's). A value
    /// that is not a positive number is ignored.
    @Test func theThreadCountComesFromTheEnvironment() throws {
        let training = ["-c", "data sample", "-c", "model tutorial", "-c", "compile",
                        "-c", "train epochs=1 limit=320 seed=4 profile"]
        func run(_ threads: String) throws -> (loss: Substring?, synchronisation: Substring?) {
            let result = try BinaryRunner.run(training, environment: ["CONVBOOK_THREADS": threads])
            #expect(result.status == 0, "\(result.output)")
            let lines = result.output.split(separator: "\n")
            let loss = lines.first { $0.hasPrefix("Epoch 1/1") }?.split(separator: " - ").first { $0.hasPrefix("loss: ") }
            let synchronisation = lines.first { $0.hasPrefix("  synchronisation ") }?
                .split(separator: " ").dropFirst().first
            return (loss, synchronisation)
        }
        let one = try run("1"), two = try run("2"), ignored = try run("many")
        #expect(one.loss != nil && two.loss != nil && ignored.loss != nil)
        #expect(one.synchronisation == "0.000")
        #expect(one.loss != two.loss, "one core and two draw different dropout masks")
    }

    @Test func aMissingScriptIsAnError() throws {
        let result = try BinaryRunner.run(["/nonexistent/tour.cb"])
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("error: convbook: cannot read '/nonexistent/tour.cb'"))
    }

    @Test func hugeLinesAreHandled() throws {
        let megabyte = "dims 28 3 " + String(repeating: "7 ", count: 500_000) + "\n"
        let result = try BinaryRunner.run([], input: Data(megabyte.utf8))
        #expect(result.status == 1 && result.output.hasPrefix("error: dims: unexpected argument '7'"))
        var tooLong = Data(repeating: UInt8(ascii: "x"), count: 9 << 20)
        tooLong.append(contentsOf: Array("\ndims 28 3 2\n".utf8))
        let skipped = try BinaryRunner.run([], input: tooLong)
        #expect(skipped.status == 1)
        #expect(skipped.output.hasPrefix("error: convbook: line 1 is longer than 8 MiB; skipped\n"))
        #expect(skipped.output.contains("= 13\n"))
    }

    @Test func invalidUTF8AndControlBytesAreErrorsNotCrashes() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0x1B, 0x5B, 0x32, 0x4A, 0x0A] + Array("dims 28 \u{7F}3\n".utf8) + [0xC3, 0x28, 0x0A]
        let result = try BinaryRunner.run([], input: Data(bytes))
        #expect(result.exitedNormally && result.status == 1)
        #expect(result.output.split(separator: "\n").filter { $0.hasPrefix("error: ") }.count == 3)
        #expect(!result.output.contains("\u{1B}"), "control bytes are not echoed")
    }

    /// Ctrl-C (SIGINT) never kills a script run: it stops after the current command with
    /// status 130; a second one leaves at once, also with 130.
    @Test func ctrlCStopsAScriptCleanly() throws {
        for presses in [1, 2] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
            process.environment = ["HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            try process.run()
            input.fileHandleForWriting.write(Data("dims 28 3 2\n".utf8))
            var seen = Data()
            while !String(decoding: seen, as: UTF8.self).contains("= 13\n") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen.append(chunk)
            }
            for _ in 0..<presses {
                process.interrupt()
                usleep(100_000)
            }
            BinaryRunner.ignoreBrokenPipes()
            try? input.fileHandleForWriting.write(contentsOf: Data("dims 5 3\n".utf8))
            try? input.fileHandleForWriting.close()
            seen.append(output.fileHandleForReading.readDataToEndOfFile())
            process.waitUntilExit()
            let text = String(decoding: seen, as: UTF8.self)
            #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(presses): \(text)")
            #expect(!text.contains("3x3 output"), "the command after Ctrl-C must not run")
        }
    }

    /// 200 seeded blobs of random bytes and 50 random soups of command words (up to 60 lines
    /// each), each piped into its own run: every run must end by exiting with 0 or 1, never by
    /// a signal.
    @Test func randomBytesAndCommandSoupsNeverCrashIt() async throws {
        var random = SplitMix64(seed: 2026)
        var inputs: [Data] = []
        for _ in 0..<200 {
            let count = Int.random(in: 0...4_096, using: &random)
            inputs.append(Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }))
        }
        let words = ["help", "quit", "exit", "conv", "dims", "params", "lessons", "where", "hint", "summary", "show",
                     "demo", "step", "run", "image", "kernel", "apply", "chain", "dense", "compare", "model", "add",
                     "[1 2; 3 4]", "[", "]", "\"", "=", "stride=", "padding=same", "-1", "0", "3", "28", "3/2", "1,000",
                     "99999999999999999999", "1e308", "nan", "inf", "-0", "é", "🙂", "\t", "sobel-x", "edge", "dilation=2"]
        for _ in 0..<50 {
            let lines = (0..<Int.random(in: 1...60, using: &random)).map { _ in
                (0..<Int.random(in: 1...7, using: &random)).map { _ in words[Int.random(in: 0..<words.count, using: &random)] }
                    .joined(separator: " ")
            }
            inputs.append(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        let failures = try await withThrowingTaskGroup(of: String?.self) { group in
            var failures: [String] = []
            var next = 0
            func submit() {
                guard next < inputs.count else { return }
                let (index, input) = (next, inputs[next])
                next += 1
                group.addTask {
                    let result = try BinaryRunner.run([], input: input)
                    guard result.exitedNormally, result.status == 0 || result.status == 1 else {
                        return "input \(index): status \(result.status), normal exit \(result.exitedNormally)\n\(result.errors)"
                    }
                    return nil
                }
            }
            for _ in 0..<4 { submit() }
            while let failure = try await group.next() {
                if let failure { failures.append(failure) }
                submit()
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }
}

