import Foundation
import TensorCore
import Testing

/// Nothing lost: a save killed at any moment leaves the previous model file loadable, and
/// Ctrl-C during training returns to the prompt with the model and its history kept.
@Suite struct InterruptionTests {
    /// Twelve `kill -9` at seeded random moments while the binary saves over an existing
    /// model again and again: after each, the file must still load.
    @Test func killingASaveNeverDamagesTheModelFile() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try LessonProcess.run(["-c", "model tutorial", "-c", "save model.safetensors"], in: directory)
        #expect(first.status == 0, "\(first.output)")

        let saves = ["load model.safetensors"] + Array(repeating: "save model.safetensors", count: 400)
        var random = SplitMix64(seed: 9)
        var killedDuringRun = 0
        for _ in 0..<12 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: LessonProcess.binary)
            process.arguments = saves.flatMap { ["-c", $0] }
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.environment = LessonProcess.environment(in: directory)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 100_000...600_000, using: &random))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killedDuringRun += 1
            }
            process.waitUntilExit()
            let check = try LessonProcess.run(["-c", "load model.safetensors"], in: directory)
            #expect(check.status == 0, "the model file no longer loads after kill -9:\n\(check.output)")
        }
        #expect(killedDuringRun >= 10, "the saves ended before the kill: make the run longer")
    }
}

/// Ctrl-C eight seconds into `train epochs=10` on a terminal (the full data set is needed;
/// skipped without it): the prompt returns, the history keeps the finished epochs, and
/// `evaluate` works on the model as it was left.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")
                && FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")))
struct TrainingInterruptionTests {
    @Test func ctrlCDuringTrainingKeepsTheModel() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let terminal = try TerminalTests.Terminal(stateDirectory: directory)
        #expect(terminal.wait(for: "convbook>"))
        terminal.type("model tutorial\r")
        terminal.type("compile\r")
        terminal.type("train epochs=10 seed=1\r")
        #expect(terminal.wait(for: "Epoch 1/10"), "training did not start:\n\(terminal.text)")
        sleep(8)
        terminal.type("\u{03}")
        #expect(terminal.wait(for: "stopped (Ctrl-C)"), "Ctrl-C did not stop training:\n\(terminal.text)")
        terminal.type("evaluate\r")
        #expect(terminal.wait(for: "test images, "), "evaluate failed after Ctrl-C:\n\(terminal.text)")
        terminal.type("quit\r")
        #expect(terminal.waitForExit() == 0)
    }
}
