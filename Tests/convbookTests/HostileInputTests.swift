import Foundation
import Testing

/// Issue 13's findings, each through the binary: nothing a learner types or a file holds
/// crashes convbook, exhausts its memory, hangs it, or damages a file. Every run has a time
/// limit, so a hang fails the test instead of stopping the suite.
@Suite struct HostileInputTests {
    let directory = LessonProcess.temporaryDirectory()

    func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }

    /// 1. Data whose images are not 28x28 meets the tutorial's model: each command that runs
    /// the model says both shapes (it crashed on an engine precondition); a model built for
    /// 30x30 images trains and predicts on them.
    @Test func dataOfAnotherShapeMeetsTheModel() throws {
        defer { cleanUp() }
        let data = directory + "/d30"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        HostileRunner.writeIDX(directory: data, prefix: "train", count: 64, rows: 30, columns: 30)
        HostileRunner.writeIDX(directory: data, prefix: "t10k", count: 32, rows: 30, columns: 30)
        let commands = ["data", "model tutorial", "predict 0", "evaluate", "features 1 0", "mistakes", "explain 1 1 1 1 0",
                        "receptive 1 1 1", "occlusion 0", "compile", "train epochs=1", "step"]
        let run = try HostileRunner.run(["--data", data] + commands.flatMap { ["-c", $0] }, in: directory)
        #expect(run.exitedNormally && run.status == 1, "\(run.output)\(run.errors)")
        let message = "images are (None, 30, 30, 1) but the model takes (None, 28, 28, 1); build the model with 'add input 30 30 1'"
        #expect(run.output.unwrapped.components(separatedBy: message).count - 1 == 9, "\(run.output)")

        let fitting = ["data", "model new", "add input 30 30 1", "add conv 4 3 stride=2 relu", "add flatten",
                       "add dense 10 softmax", "compile", "train epochs=1", "evaluate", "predict 0", "features 1 0", "mistakes 2"]
        let trained = try HostileRunner.run(["--data", data] + fitting.flatMap { ["-c", $0] }, in: directory)
        #expect(trained.exitedNormally && trained.status == 0, "\(trained.output)\(trained.errors)")
    }

    /// 2. A small file describing a huge architecture is refused from its metadata, before
    /// anything is built past the budget; so is the same model typed at the prompt.
    @Test func modelFileMemoryBombs() throws {
        defer { cleanUp() }
        let four = directory + "/four.safetensors", many = directory + "/many.safetensors"
        try HostileRunner.writeSafetensors(four, metadata: ["format": "convbook",
            "architecture": (["input 1 7 1000", "flatten"] + Array(repeating: "dense 7000", count: 4)).joined(separator: "\n")])
        try HostileRunner.writeSafetensors(many, metadata: ["format": "convbook",
            "architecture": (["input 1 7 1000", "flatten"] + Array(repeating: "dense 7000", count: 998)).joined(separator: "\n")])
        for file in [four, many] {
            let run = try HostileRunner.run(["-c", "load \(file)"], in: directory, timeout: 30)
            #expect(run.exitedNormally && run.status == 1 && run.seconds < 10, "\(run.seconds) s: \(run.output)\(run.errors)")
            #expect(run.output.unwrapped.contains("architecture line 4 ('dense 7000'): layer 3 (dense 7000) would bring the model to 98,014,000 parameters (392 MB); convbook's limit is 50,000,000 (200 MB)"),
                    "\(run.output)")
        }
        let typed = ["model new", "add input 1 7 1000", "add flatten"] + Array(repeating: "add dense 7000", count: 9)
        let run = try HostileRunner.run(typed.flatMap { ["-c", $0] }, in: directory, timeout: 30)
        #expect(run.exitedNormally && run.status == 1, "\(run.output)\(run.errors)")
        #expect(run.output.components(separatedBy: "would bring the model to").count - 1 == 8, "\(run.output)")
    }

    /// 3. A layer whose activations for one image would take 52 GB is refused when added
    /// (it used to be accepted, and `features` then aborted allocating them).
    @Test func activationMemoryIsCheckedWhenALayerIsAdded() throws {
        defer { cleanUp() }
        let commands = ["model new", "add input 28 28 1", "add conv 4096 1 padding=same", "add conv 2 64 padding=same",
                        "data sample", "features 2 0", "features 1 0"]
        let run = try HostileRunner.run(commands.flatMap { ["-c", $0] }, in: directory, timeout: 60)
        #expect(run.exitedNormally && run.status == 1, "\(run.output)\(run.errors)")
        #expect(run.output.unwrapped.contains("error: add: layer 2 (conv 2 64 padding=same) would need about 105 GB per image for its activations (the limit is 512 MB)"),
                "\(run.output)")
        #expect(run.output.contains("LAYER must be between 1 and 1"))
        #expect(run.output.contains("4096 maps of 28x28"), "the layer that fits is drawn: \(run.output)")
    }

    /// 4. `save` and `plot svg=` replace only regular files: a FIFO stays a FIFO, a symlink
    /// stays a link and its target gets the model, a 0600 file stays 0600, long names work.
    @Test func savingKeepsWhatIsThere() throws {
        defer { cleanUp() }
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        let target = directory + "/real.safetensors", link = directory + "/link.safetensors"
        let privateFile = directory + "/private.safetensors"
        for path in [target, privateFile] { FileManager.default.createFile(atPath: path, contents: Data("old".utf8)) }
        chmod(privateFile, 0o600)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.safetensors")
        let longName = String(repeating: "m", count: 242)
        let trained = directory + "/trained.safetensors"
        try HostileRunner.writeSafetensors(trained, metadata: ["architecture": "input 4 4 1\nflatten\ndense 10 softmax",
                                                               "history": #"{"loss":[2,1],"accuracy":[0.1,0.2],"val_loss":[2,1],"val_accuracy":[0.1,0.2]}"#],
                                           tensors: [("dense.kernel", [16, 10], Array(repeating: 0.5, count: 160)),
                                                     ("dense.bias", [10], Array(repeating: 0, count: 10))])
        let commands = ["load \(trained)",
                        "save \(fifo)", "plot svg=\(fifo)", "save \(link)", "save \(privateFile)", "save \(longName)",
                        "save \(directory)/", "load \(target)"]
        let run = try HostileRunner.run(commands.flatMap { ["-c", $0] }, in: directory, timeout: 30)
        #expect(run.exitedNormally, "\(run.output)\(run.errors)")
        #expect(run.output.unwrapped.contains("error: save: cannot write \(fifo): it is a named pipe (FIFO), not a regular file; only a regular file is replaced"), "\(run.output)")
        #expect(run.output.unwrapped.contains("error: plot: cannot write '\(fifo)': it is a named pipe (FIFO)"), "\(run.output)")
        #expect(run.output.unwrapped.contains("error: save: cannot write \(directory)/: that names a directory; add a file name"), "\(run.output)")
        #expect(run.output.unwrapped.contains("saved \(longName):"), "\(run.output)")
        #expect(run.output.unwrapped.contains("loaded \(target): 2 layers"), "the link's target holds the model: \(run.output)")
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
        #expect(lstat(link, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK, "the symlink was replaced")
        #expect(lstat(privateFile, &status) == 0 && status.st_mode & 0o777 == 0o600, "mode is now \(String(status.st_mode & 0o777, radix: 8))")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// 5. A sparse file declaring 5 GB of tensors is refused from its header; a file whose
    /// tensor names do not match is refused before its (large) data is read.
    @Test func safetensorsDataIsNotAllocatedAsDeclared() throws {
        defer { cleanUp() }
        let huge = directory + "/huge.safetensors", misnamed = directory + "/misnamed.safetensors"
        try HostileRunner.writeSafetensors(huge, metadata: nil, declared: [("w", [1_250_000_000], 5_000_000_000)])
        try HostileRunner.writeSafetensors(misnamed, metadata: ["architecture": "input 28 28 1\nflatten\ndense 10 softmax"],
                                           declared: [("other", [200_000_000], 800_000_000)])
        let run = try HostileRunner.run(["-c", "model tutorial", "-c", "load \(huge)", "-c", "load \(misnamed)"], in: directory, timeout: 30)
        #expect(run.exitedNormally && run.status == 1 && run.seconds < 10, "\(run.seconds) s: \(run.output)\(run.errors)")
        #expect(run.output.contains("error: load: huge.safetensors: its tensors hold 4.6 GB; at most 1 GB is read"), "\(run.output)")
        #expect(run.output.contains("error: load: misnamed.safetensors has no tensor 'dense.kernel' (it has: other)"), "\(run.output)")
    }

    /// 6. FIFOs never hang convbook: `load FIFO`, a FIFO in the data directory.
    @Test func fifosAreRefusedNotWaitedOn() throws {
        defer { cleanUp() }
        let fifo = directory + "/model.safetensors"
        #expect(mkfifo(fifo, 0o644) == 0)
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        HostileRunner.writeIDX(directory: data, prefix: "t10k", count: 4, rows: 28, columns: 28)
        HostileRunner.writeIDX(directory: data, prefix: "train", count: 4, rows: 28, columns: 28)
        try FileManager.default.removeItem(atPath: data + "/train-images-idx3-ubyte")
        #expect(mkfifo(data + "/train-images-idx3-ubyte", 0o644) == 0)
        let run = try HostileRunner.run(["--data", data, "-c", "load \(fifo)", "-c", "data", "-c", "predict \(fifo)"],
                                        in: directory, timeout: 20)
        #expect(!run.timedOut && run.exitedNormally && run.status == 1, "\(run.output)\(run.errors)")
        #expect(run.output.unwrapped.contains("error: load: model.safetensors: cannot open: it is a named pipe (FIFO), not a regular file"), "\(run.output)")
        #expect(run.output.unwrapped.contains("train-images-idx3-ubyte: cannot open: it is a named pipe (FIFO), not a regular file"), "\(run.output)")
    }

    /// 7. Non-finite weights and history values are shown as nan/inf, never crash.
    @Test func nonFiniteValuesAreShown() throws {
        defer { cleanUp() }
        let weights = directory + "/nan.safetensors", history = directory + "/history.safetensors"
        let kernel: [Float] = (0..<7840).map { [Float.nan, .infinity, -.infinity, 3.4e38][$0 % 4] }
        try HostileRunner.writeSafetensors(weights, metadata: ["architecture": "input 28 28 1\nflatten\ndense 10 softmax"],
                                           tensors: [("dense.kernel", [784, 10], kernel), ("dense.bias", [10], Array(repeating: .nan, count: 10))])
        let curves = #"{"loss":[1e308,-1e308,0.5],"accuracy":[0.1,1e308,0.3],"val_loss":[1e308,2,3],"val_accuracy":[0,0,1e300]}"#
        try HostileRunner.writeSafetensors(history, metadata: ["architecture": "input 28 28 1\nflatten\ndense 10 softmax", "history": curves],
                                           tensors: [("dense.kernel", [784, 10], Array(repeating: 0, count: 7840)), ("dense.bias", [10], Array(repeating: 0, count: 10))])
        let commands = ["data sample", "load \(weights)", "predict 0", "mistakes 2", "evaluate", "features 1 0", "features 2 0",
                        "load \(history)", "plot", "plot accuracy", "plot svg=curves.svg"]
        let run = try HostileRunner.run(commands.flatMap { ["-c", $0] }, in: directory, timeout: 60)
        #expect(run.exitedNormally && run.status == 0, "\(run.output)\(run.errors)")
        #expect(run.output.contains("nan%"), "\(run.output)")
        #expect(FileManager.default.fileExists(atPath: directory + "/curves.svg"))
    }

    /// 8. A failed write to standard output ends the run at once with a non-zero status.
    @Test func outputErrorsEndTheRun() throws {
        defer { cleanUp() }
        let full = try HostileRunner.shell(#""$CONVBOOK" -c 'dims 28 3' > /dev/full; echo "status=$?""#, in: directory)
        #expect(full.output == "status=1\n", "\(full.output)")
        #expect(full.errors.contains("convbook: cannot write to standard output: No space left on device"), "\(full.errors)")
        let script = ["model tutorial"] + Array(repeating: "conv demo", count: 2000) + ["save late.safetensors"]
        try script.joined(separator: "\n").write(toFile: directory + "/long.cb", atomically: true, encoding: .utf8)
        let piped = try HostileRunner.shell(#""$CONVBOOK" long.cb | head -2 > /dev/null; echo "status=${PIPESTATUS[0]}""#,
                                            in: directory, timeout: 60)
        #expect(piped.output == "status=141\n", "\(piped.output)\(piped.errors)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/late.safetensors"), "the commands after the pipe closed ran")
    }

    /// 9. Size limits hold on what is opened: a lesson symlinked to a 300 MB file, a 2 MB
    /// progress.json; and a 5 MB script of blank lines runs in time.
    @Test func sizeLimitsHold() throws {
        defer { cleanUp() }
        let lessons = directory + "/elsewhere/lessons"
        try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory + "/big.md", contents: nil)
        truncate(directory + "/big.md", 300_000_000)
        try FileManager.default.createSymbolicLink(atPath: lessons + "/01-big.md", withDestinationPath: directory + "/big.md")
        let lessonRun = try HostileRunner.run(["-c", "lessons"], in: directory, environment: ["CONVBOOK_LESSONS": lessons], timeout: 20)
        #expect(lessonRun.exitedNormally && lessonRun.status == 1 && lessonRun.seconds < 5, "\(lessonRun.seconds) s: \(lessonRun.output)")
        #expect(lessonRun.output.contains("error: lessons: 01-big.md is larger than 1024 KB; is it a lesson?"), "\(lessonRun.output)")

        let state = directory + "/state/convbook"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try String(repeating: " ", count: 2_000_000).write(toFile: state + "/progress.json", atomically: true, encoding: .utf8)
        let progressRun = try HostileRunner.run(["-c", "lessons"], in: directory, timeout: 20)
        #expect(progressRun.exitedNormally && progressRun.status == 0, "\(progressRun.output)")
        #expect(progressRun.output.contains("(it is 1.9 MB; at most 1 MB is read); starting fresh"), "\(progressRun.output)")

        // Blank lines are read in constant time each (each used to be cut from the front of a
        // 64 KB buffer): 5 MB of them took 46 s (9 us a line), now 6 s even on a loaded machine.
        FileManager.default.createFile(atPath: directory + "/blank.cb", contents: Data(repeating: UInt8(ascii: "\n"), count: 5_000_000))
        let blank = try HostileRunner.run(["blank.cb"], in: directory, timeout: 60)
        #expect(blank.exitedNormally && blank.status == 0 && blank.seconds < 30, "\(blank.seconds) s")
    }

    /// 10. Small things: a stale position and a bad `current` in progress.json, a picture
    /// reached through a symlink, `show numbers` on huge images.
    @Test func smallWrongThings() throws {
        defer { cleanUp() }
        let state = directory + "/state/convbook"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try #"{"version":1,"current":-5,"lessons":{"1":{"position":999,"completed":false}}}"#
            .write(toFile: state + "/progress.json", atomically: true, encoding: .utf8)
        let lessons = try HostileRunner.run(["-c", "lessons", "-c", "where"], in: directory)
        #expect(lessons.exitedNormally && lessons.status == 0, "\(lessons.output)")
        #expect(!lessons.output.contains("cell 1000") && !lessons.output.contains("-5"), "\(lessons.output)")
        #expect(lessons.output.contains("No lesson is open; 'lessons' lists them"), "\(lessons.output)")

        let header = Array("P5 28 28 255\n".utf8), pixels = (0..<784).map { UInt8(truncatingIfNeeded: $0) }
        FileManager.default.createFile(atPath: directory + "/shirt.pgm", contents: Data(header + pixels))
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.pgm", withDestinationPath: "shirt.pgm")
        let data = directory + "/big"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        HostileRunner.writeIDX(directory: data, prefix: "t10k", count: 1, rows: 600, columns: 600)
        HostileRunner.writeIDX(directory: data, prefix: "train", count: 1, rows: 600, columns: 600)
        let run = try HostileRunner.run(["--data", data, "-c", "model tutorial", "-c", "predict link.pgm", "-c", "data",
                                         "-c", "show 0 numbers", "-c", "show 0"], in: directory, timeout: 30)
        #expect(run.exitedNormally && run.output.contains("the model's guesses"), "\(run.output)")
        #expect(run.output.unwrapped.contains("error: show: the images are 600x600; 'show' draws images up to 256x256 and their numbers up to 64x64"), "\(run.output)")
        #expect(run.output.utf8.count < 20_000, "printed \(run.output.utf8.count) bytes")
    }
}

/// 6, on a terminal: a FIFO where the history file goes does not hang the REPL's start.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
struct HostileTerminalTests {
    @Test func aFifoAsTheHistoryFileDoesNotHangTheStart() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/convbook", withIntermediateDirectories: true)
        #expect(mkfifo(directory + "/convbook/history", 0o600) == 0)
        let terminal = try TerminalTests.Terminal(stateDirectory: directory)
        #expect(terminal.wait(for: "convbook>"), "no prompt:\n\(terminal.text)")
        #expect(terminal.text.contains("no command history this time"), "\(terminal.text)")
        terminal.type("dims 5 3\r")
        #expect(terminal.wait(for: "gives a 3x3 output"), "\(terminal.text)")
        terminal.type("quit\r")
        #expect(terminal.waitForExit() == 0)
        var status = stat()
        #expect(lstat(directory + "/convbook/history", &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
    }
}

extension String {
    /// Output as one line: a message wrapped to fit 80 columns reads the same with its
    /// newlines as spaces.
    var unwrapped: String { replacingOccurrences(of: "\n", with: " ") }
}
