import Foundation
import Notebook
import Testing

/// The notebook as a learner meets it on a terminal (a pseudo-terminal through util-linux
/// `script`): lesson scopes, state that survives quitting, checks that ask for a prediction,
/// the welcome, `run`, and saving.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
struct NotebookTerminalTests {
    typealias Terminal = TerminalTests.Terminal

    /// Case 1: what the learner did to the demo before does not leak into lesson 1.
    @Test func lessonOneStartsFromItsOwnDemo() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let terminal = try Terminal(stateDirectory: directory)
        #expect(terminal.wait(for: "convbook>"))
        terminal.type("conv image [1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16]\r")
        terminal.type("conv kernel blur\r")
        terminal.type("lesson 1\r")
        #expect(terminal.wait(for: "Press Enter"))
        terminal.type("\r")
        #expect(terminal.wait(for: "answer> "))
        terminal.type("9\r")
        #expect(terminal.wait(for: "Right: 9."))
        terminal.type("\r")
        #expect(terminal.wait(for: "answer> ", count: 2))
        terminal.type("3\r")
        #expect(terminal.wait(for: "Right: 3."))
        terminal.type("\r")
        #expect(terminal.wait(for: "window 1 of 9"), "the demo did not start with the 5x5 image:\n\(terminal.text)")
        let demo = terminal.text.components(separatedBy: "convbook> conv demo").last ?? ""
        #expect(demo.contains("image 5x5") && demo.contains("kernel 3x3: sobel-x"), "\(demo)")
        #expect(!demo.contains("13 14 15 16") && !demo.contains("blur"), "\(demo)")
        quit(terminal)
        #expect(terminal.waitForExit() == 0, "\(terminal.text.suffix(2000))")
    }

    /// Cases 2 and 7: quitting after training in lesson 4 loses nothing; the welcome says where
    /// the learner is, Enter resumes, and plot and evaluate use the model trained before.
    @Test func lessonFourSurvivesQuitting() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lesson = try #require(try LessonProcess.lessons().first { $0.number == 4 })
        let trainCell = try #require(lesson.cells.firstIndex { $0.kind == .command("train epochs=10 seed=1") })
        let quick = ["CONVBOOK_QUICK": "1", "CONVBOOK_THREADS": "1"]

        let first = try Terminal(stateDirectory: directory, environment: quick)
        first.patience = 120
        #expect(first.wait(for: "convbook>"))
        first.type("lesson 4\r")
        #expect(first.wait(for: "Press Enter"))
        for index in 0...trainCell {
            first.type("\r")
            if case .check = lesson.cells[index].kind {
                #expect(first.wait(for: "answer> ", count: checks(in: lesson, before: index + 1)))
                first.type("reveal\r")
            }
            #expect(first.wait(for: "[cell \(index + 1) of \(lesson.cells.count)]"), "cell \(index + 1):\n\(first.text)")
        }
        #expect(first.wait(for: "Epoch 10/10"), "training did not finish:\n\(first.text)")
        #expect(first.wait(for: "convbook>", count: trainCell + 3))
        quit(first)
        #expect(first.waitForExit() == 0, "\(first.text.suffix(2000))")

        let second = try Terminal(stateDirectory: directory, environment: quick)
        second.patience = 60
        let resume = "Welcome back: lesson 4, cell \(trainCell + 2) of \(lesson.cells.count): Enter continues."
        #expect(second.wait(for: resume), "\(second.text)")
        second.type("\r")
        #expect(second.wait(for: "convbook> plot loss"))
        #expect(second.wait(for: "convbook>", count: 2))
        second.type("evaluate\r")
        #expect(second.wait(for: "accuracy: "), "\(second.text)")
        #expect(second.wait(for: "convbook>", count: 3))
        #expect(!second.text.contains("no training history") && !second.text.contains("no model yet"), "\(second.text)")
        #expect(second.text.contains("val_loss"), "plot drew no curves:\n\(second.text)")
        quit(second)
        #expect(second.waitForExit() == 0, "\(second.text.suffix(2000))")
    }

    /// The number of checks among the first `count` cells of `lesson`.
    private func checks(in lesson: Lesson, before count: Int) -> Int {
        lesson.cells.prefix(count).filter { if case .check = $0.kind { true } else { false } }.count
    }

    /// Cases 3 and 4: Enter never gives the answer away, a wrong answer gets a hint and a
    /// second try, number words count, and a command typed at the prompt runs.
    @Test func checksAskForAPrediction() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let terminal = try Terminal(stateDirectory: directory)
        #expect(terminal.wait(for: "convbook>"))
        terminal.type("lesson 2\r")
        #expect(terminal.wait(for: "Press Enter"))
        terminal.type("\r")
        #expect(terminal.wait(for: "answer> "))
        terminal.type("\r")
        #expect(terminal.wait(for: "No answer yet"))
        #expect(!terminal.text.contains("The answer"), "Enter gave the answer away:\n\(terminal.text)")
        terminal.type("params conv 3 32 64\r")
        #expect(terminal.wait(for: "18,496"), "the command was graded:\n\(terminal.text)")
        #expect(terminal.wait(for: "Back to the check"))
        terminal.type("12\r")
        #expect(terminal.wait(for: "Not quite (you said 12). One more try."))
        #expect(terminal.wait(for: "Hint: Fill the numbers into the formula"))
        #expect(!terminal.text.contains("the answer is 13"))
        terminal.type("thirteen\r")
        #expect(terminal.wait(for: "Right: 13."), "\(terminal.text)")
        // The same check again: two wrong answers, then the answer.
        terminal.type("back\r")
        #expect(terminal.wait(for: "Back at cell 1 of"))
        terminal.type("\r")
        #expect(terminal.wait(for: "answer> ", count: 5))
        terminal.type("12\r")
        #expect(terminal.wait(for: "One more try.", count: 2))
        terminal.type("14\r")
        #expect(terminal.wait(for: "Not quite: you said 14; the answer is 13."), "\(terminal.text.suffix(1500))")
        quit(terminal)
        #expect(terminal.waitForExit() == 0, "\(terminal.text.suffix(2000))")
    }

    /// Case 7: a returning learner is told where they are, and `next` resumes.
    @Test func theWelcomeKnowsAReturningLearner() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/convbook", withIntermediateDirectories: true)
        try #"{"version": 1, "current": 3, "lessons": {"1": {"position": 9, "completed": true}, "3": {"position": 4, "completed": false}}}"#
            .write(toFile: directory + "/convbook/progress.json", atomically: true, encoding: .utf8)
        let count = try #require(try LessonProcess.lessons().first { $0.number == 3 }).cells.count
        let terminal = try Terminal(stateDirectory: directory)
        #expect(terminal.wait(for: "Welcome back: lesson 3, cell 5 of \(count): Enter continues."), "\(terminal.text)")
        #expect(!terminal.text.contains("'lesson 1' starts the first lesson"))
        terminal.type("next\r")
        #expect(terminal.wait(for: "Resuming at cell 5 of \(count)."), "\(terminal.text)")
        #expect(terminal.wait(for: "[cell 5 of \(count)]"))
        quit(terminal)
        #expect(terminal.waitForExit() == 0, "\(terminal.text.suffix(2000))")
    }

    /// Case 6: at 60, 80 and 100 columns no line is cut inside a word: every line fits.
    @Test(arguments: [60, 80, 100])
    func messagesFitTheTerminal(columns: Int) throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let terminal = try Terminal(stateDirectory: directory, columns: columns)
        #expect(terminal.wait(for: "convbook>"))
        let typed = ["dims 28 3 2", "conv kernel [1 1 1 1 1 1; 1 1 1 1 1 1; 1 1 1 1 1 1; 1 1 1 1 1 1; 1 1 1 1 1 1; 1 1 1 1 1 1]",
                     "conv demo", "data sample", "compile"]
        for line in typed {
            terminal.type(line + "\r")
        }
        #expect(terminal.wait(for: "convbook>", count: 6))
        quit(terminal)
        #expect(terminal.waitForExit() == 1, "conv demo failed, so the status is 1")
        #expect(terminal.text.contains("use a smaller"), "\(terminal.text)")
        // What the learner typed is echoed as typed (without the prompt when typed ahead of it);
        // the rest is convbook's and must fit.
        for line in Self.screenLines(terminal.text)
        where !line.contains("convbook> ") && !typed.contains(line.trimmingCharacters(in: .whitespaces)) {
            #expect(line.count <= columns, "wider than \(columns) columns, so the terminal cut it:\n\(line)")
        }
    }

    /// Case 6 off a terminal: the same messages fit 80 columns.
    @Test func messagesFitEightyColumnsOffATerminal() throws {
        let result = try BinaryRunner.run(["-c", "dims 28 3 2", "-c", "conv kernel [1 1 1 1 1 1; 1 1 1 1 1 1; 1 1 1 1 1 1; 1 1 1 1 1 1; 1 1 1 1 1 1; 1 1 1 1 1 1]",
                                           "-c", "conv demo", "-c", "data sample"])
        #expect(result.output.contains("use a smaller"))
        for line in result.output.split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
        }
    }

    /// Ctrl-D once the prompt is back (a Ctrl-D typed while a command still prints would reach
    /// the terminal before readline reads it, and be lost).
    private func quit(_ terminal: Terminal) {
        let deadline = Date().addingTimeInterval(terminal.patience)
        while Date() < deadline {
            let last = Self.screenLines(terminal.text).last?.trimmingCharacters(in: .whitespaces) ?? ""
            if last.hasSuffix("convbook>") { break }
            usleep(20_000)
        }
        terminal.type("\u{04}")
    }

    /// The lines as shown: escape sequences removed, split at newlines.
    static func screenLines(_ text: String) -> [String] {
        // Scalars, not characters: the terminal sends "\r\n", a single Character.
        var plain = String.UnicodeScalarView()
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if CharacterSet.letters.contains(scalar) || scalar == "~" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else if scalar != "\r" {
                plain.append(scalar)
            }
        }
        return String(plain).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Case 9: inline Markdown is rendered (underline and highlight in colour, plain off a
    /// terminal), never shown raw.
    @Test func lessonProseRendersInlineMarkdown() throws {
        let plain = try LessonProcess.run(["-c", "lesson 1"])
        #expect(plain.output.contains("weights called a\nkernel.") || plain.output.contains("called a kernel."), "\(plain.output.prefix(600))")
        #expect(!plain.output.contains("*kernel*") && !plain.output.contains("`conv run`"))
        #expect(plain.output.contains("'conv run'"))

        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let terminal = try Terminal(stateDirectory: directory, environment: ["NO_COLOR": ""])
        #expect(terminal.wait(for: "convbook>"))
        terminal.type("lesson 1\r")
        terminal.type("\r")
        #expect(terminal.wait(for: "answer> "))
        #expect(terminal.text.contains("\u{1B}[4mkernel\u{1B}[0m"), "\(terminal.text)")
        terminal.type("\u{04}")  // leaves the answer prompt
        quit(terminal)
        #expect(terminal.waitForExit() == 0, "\(terminal.text.suffix(2000))")
    }

    /// Case 10: `run` plays every demo to its end before the lesson is done.
    @Test func runFinishesDemos() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let terminal = try Terminal(stateDirectory: directory)
        #expect(terminal.wait(for: "convbook>"))
        terminal.type("lesson 1\r")
        #expect(terminal.wait(for: "Press Enter"))
        let lesson = try #require(try LessonProcess.lessons().first { $0.number == 1 })
        let checkCount = checks(in: lesson, before: lesson.cells.count)
        let demoCount = lesson.cells.filter { if case .command(let line) = $0.kind { line.hasPrefix("conv demo") } else { false } }.count
        terminal.type("run\r")
        for number in 1...checkCount {
            #expect(terminal.wait(for: "answer> ", count: number))
            terminal.type("reveal\r")
        }
        #expect(terminal.wait(for: "Lesson 1 done."), "\(terminal.text.suffix(1500))")
        let finished = terminal.text.components(separatedBy: "feature map is complete").count - 1
        #expect(finished >= demoCount, "every demo should reach its last window before the lesson is done")
        let done = try #require(terminal.text.range(of: "Lesson 1 done."))
        #expect(terminal.text[done.upperBound...].range(of: "window") == nil)
        quit(terminal)
        #expect(terminal.waitForExit() == 0, "\(terminal.text.suffix(2000))")
    }

    /// Case 11: on a terminal, `save` asks before replacing a file holding a different model.
    @Test func saveAsksBeforeReplacingAnotherModel() throws {
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let terminal = try Terminal(stateDirectory: directory)
        #expect(terminal.wait(for: "convbook>"))
        terminal.type("model tutorial\r")
        terminal.type("save m.safetensors\r")
        #expect(terminal.wait(for: "saved m.safetensors"))
        let before = FileManager.default.contents(atPath: directory + "/m.safetensors")
        terminal.type("model new\radd input 28 28 1\radd flatten\radd dense 10 softmax\r")
        terminal.type("save m.safetensors\r")
        #expect(terminal.wait(for: "holds a different model; replace it? [y/N]"), "\(terminal.text)")
        terminal.type("n\r")
        #expect(terminal.wait(for: "Nothing saved"))
        #expect(FileManager.default.contents(atPath: directory + "/m.safetensors") == before)
        terminal.type("save m.safetensors\r")
        #expect(terminal.wait(for: "replace it? [y/N]", count: 2))
        terminal.type("y\r")
        #expect(terminal.wait(for: "saved m.safetensors", count: 2))
        #expect(FileManager.default.contents(atPath: directory + "/m.safetensors") != before)
        quit(terminal)
        #expect(terminal.waitForExit() == 0, "\(terminal.text.suffix(2000))")
    }
}
