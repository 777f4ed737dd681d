import Foundation
import Testing
@testable import Notebook

/// The notebook commands on small synthetic lessons, with cell commands recorded, not run.
@Suite struct LessonRunnerTests {
    let lessons = ["01-sample.md": sampleLesson,
                   "02-second-one.md": "# Second\n\n```convbook\ndims 5 3\n```\n"]

    @Test func offATerminalALessonRunsEveryCellInOrder() throws {
        let harness = try LessonHarness(lessons: lessons)
        harness.recordCommands()
        #expect(harness.execute("lesson 1"))
        #expect(harness.executed == ["conv demo", "dims 28 3 2", "dims 28 3 2", "params conv 3 32 64"])
        #expect(harness.output.contains("Check: How big is the map?\nAnswer: 13\nWhy: Because the formula says so."))
        #expect(harness.output.contains("Lesson 1 done: all 4 cells ran."))
        withExtendedLifetime(harness) {  // its state directory goes with it
            #expect(!FileManager.default.fileExists(atPath: harness.stateDirectory + "/progress.json"),
                    "a run off a terminal leaves progress alone")
        }
    }

    @Test func offATerminalAFailingCellFailsTheLesson() throws {
        let harness = try LessonHarness(lessons: lessons)
        harness.recordCommands(failing: ["dims 28 3 2"])
        #expect(!harness.execute("lesson 1"))
        #expect(harness.output.contains("error: lesson: cell 2 ('dims 28 3 2') failed"))
        #expect(harness.executed == ["conv demo", "dims 28 3 2"])
    }

    @Test func stepsWithEnterAndNextAndSavesProgress() throws {
        let state = LessonHarness.temporaryDirectory("state")
        defer { try? FileManager.default.removeItem(atPath: state) }
        let harness = try LessonHarness(lessons: lessons, interactive: true, input: ["12"], stateDirectory: state)
        harness.recordCommands()
        #expect(harness.execute("lesson 1"))
        #expect(harness.execute(""))
        #expect(harness.executed == ["conv demo"])
        harness.clearOutput()
        #expect(harness.execute("where"))
        #expect(harness.output == "Lesson 1 (Sample), cell 2 of 4: a check.\n")
        #expect(harness.execute("next"))
        #expect(harness.output.contains("Not quite (you said 12). One more try.\nHint: Use the formula."))
        #expect(harness.output.contains("The answer: 13."), "the input ended at the second try")
        #expect(harness.output.contains("Why: Because the formula says so."))
        #expect(harness.executed == ["conv demo", "dims 28 3 2"], "the derivation runs the show command")

        // A new session (the program started again) resumes at the same cell.
        let again = try LessonHarness(lessons: lessons, interactive: true, stateDirectory: state)
        again.recordCommands()
        #expect(again.execute("lessons"))
        #expect(again.output.contains("   1  Sample  current (cell 3 of 4)"))
        #expect(again.output.contains("   2  Second  not started"))
        #expect(again.output.contains("Progress: 0 of 2 lessons done, 2 of 5 cells."))
        #expect(again.execute("lesson 1"))
        #expect(again.output.contains("Resuming at cell 3 of 4."))
        again.clearOutput()
        #expect(again.execute("where"))
        #expect(again.output == "Lesson 1 (Sample), cell 3 of 4: 'dims 28 3 2'.\n")
    }

    @Test func acceptsARightAnswerInAnotherFormAndGivesHints() throws {
        let harness = try LessonHarness(lessons: lessons, interactive: true, input: ["hint", "13 x 13"])
        harness.recordCommands()
        harness.execute("lesson 1")
        harness.execute("next")
        #expect(harness.execute("hint"), "the next cell is a check")
        #expect(harness.output.contains("Hint: Use the formula."))
        harness.execute("next")
        #expect(harness.output.contains("Hint: Use the formula.\nRight: 13."))
    }

    @Test func backRunAndFinishing() throws {
        let harness = try LessonHarness(lessons: lessons, interactive: true, input: [""])
        harness.recordCommands()
        harness.execute("lesson 1")
        #expect(!harness.execute("back"), "nothing before the first cell")
        harness.execute("next")
        #expect(harness.execute("back"))
        #expect(harness.output.contains("Back at cell 1 of 4: 'conv demo'."))
        #expect(harness.execute("run"))
        #expect(harness.executed == ["conv demo", "conv demo", "dims 28 3 2", "dims 28 3 2", "params conv 3 32 64"])
        #expect(harness.output.contains("The answer: 13."))
        #expect(harness.output.contains("The end.\n\nLesson 1 done."))
        #expect(!harness.execute("next"))
        harness.clearOutput()
        harness.execute("lessons")
        #expect(harness.output.contains("   1  Sample  done"))
        #expect(harness.output.contains("Progress: 1 of 2 lessons done, 4 of 5 cells."))
        harness.clearOutput()
        harness.execute("lesson 1")
        #expect(harness.output.contains("starting again at cell 1"))
    }

    @Test func aFailingCellStaysNextOnATerminal() throws {
        let harness = try LessonHarness(lessons: lessons, interactive: true)
        harness.recordCommands(failing: ["conv demo"])
        harness.execute("lesson 1")
        #expect(!harness.execute(""))
        harness.clearOutput()
        harness.execute("where")
        #expect(harness.output.contains("cell 1 of 4"))
    }

    @Test func resetAsksOnATerminal() throws {
        let harness = try LessonHarness(lessons: lessons, interactive: true, input: ["n", "y"])
        harness.recordCommands()
        harness.execute("lesson 1")
        harness.execute("next")
        harness.execute("reset 1")
        #expect(harness.output.contains("Nothing changed."))
        harness.execute("reset all")
        #expect(harness.output.contains("Progress in every lesson forgotten."))
        harness.clearOutput()
        harness.execute("lessons")
        #expect(harness.output.contains("Progress: 0 of 2 lessons done, 0 of 5 cells."))
        #expect(!harness.execute("next"), "reset closes the open lesson")
    }

    @Test func aDamagedProgressFileIsReportedAndReplaced() throws {
        let state = LessonHarness.temporaryDirectory("state")
        defer { try? FileManager.default.removeItem(atPath: state) }
        try "{ not json".write(toFile: state + "/progress.json", atomically: true, encoding: .utf8)
        let harness = try LessonHarness(lessons: lessons, interactive: true, stateDirectory: state)
        harness.recordCommands()
        #expect(harness.execute("lessons"))
        #expect(harness.output.unwrapped.contains("warning: the lesson progress in \(state)/progress.json is damaged; starting fresh"))
        harness.execute("lesson 2")
        let saved = try String(contentsOfFile: state + "/progress.json", encoding: .utf8)
        #expect(saved.contains("\"current\" : 2"))
    }

    @Test func errorsAreClear() throws {
        let harness = try LessonHarness(lessons: lessons, interactive: true)
        #expect(!harness.execute("lesson 9"))
        #expect(harness.output.contains("error: lesson: there is no lesson 9; the lessons are 1, 2"))
        #expect(!harness.execute("lesson x"))
        #expect(!harness.execute("next"))
        #expect(harness.output.contains("error: next: no lesson is open"))
        #expect(!harness.execute("hint"))
        #expect(!harness.execute("reset 12"))
        let broken = try LessonHarness(lessons: ["01-bad.md": "# Bad\n"])
        #expect(!broken.execute("lessons"))
        #expect(broken.output.contains("error: lessons: 01-bad.md: has no cells"))
    }
}

/// The lessons shipped in lessons/ parse, and `lessons` lists them all.
@Suite struct LessonCatalogTests {
    @Test func theShippedLessonsAreListed() throws {
        let harness = try LessonHarness()
        #expect(harness.execute("lessons"))
        let catalog = try LessonCatalog.load(directory: LessonCatalog.sourceTreeLessons)
        #expect(catalog.lessons.count >= 6)
        for lesson in catalog.lessons {
            #expect(harness.output.contains("\(lesson.number)  \(lesson.title)"), "\(harness.output)")
        }
        #expect(harness.output.contains("Progress: 0 of \(catalog.lessons.count) lessons done"))
    }

    @Test func anExplicitLessonsDirectoryMustExist() throws {
        let harness = try LessonHarness(lessonsDirectory: "/nonexistent/lessons")
        #expect(!harness.execute("lessons"))
        #expect(harness.output.unwrapped.contains("CONVBOOK_LESSONS is '/nonexistent/lessons', which is not a directory"))
    }

    @Test func twoLessonsWithOneNumberAreAnError() throws {
        let cell = "# T\n```convbook\ndims 5 3\n```\n"
        let harness = try LessonHarness(lessons: ["01-a.md": cell, "01-b.md": cell])
        #expect(!harness.execute("lessons"))
        #expect(harness.output.contains("01-b.md and 01-a.md are both lesson 1"))
    }
}

/// The progress file: saved atomically, read back, and a save that cannot happen is a warning.
@Suite struct LessonProgressStoreTests {
    @Test func savesAndReadsBack() throws {
        let parent = LessonHarness.temporaryDirectory("progress"), directory = parent + "/nested"
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let store = ProgressStore(directory: directory) { Issue.record("unexpected warning: \($0)") }
        store.progress.setEntry(Progress.Entry(position: 3, completed: true), for: 2)
        store.progress.current = 2
        try store.save()
        let again = ProgressStore(directory: directory) { Issue.record("unexpected warning: \($0)") }
        #expect(again.progress == store.progress)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != "progress.json" }
        #expect(leftovers.isEmpty, "no temporary files left: \(leftovers)")
    }

    @Test(arguments: ["", "{}", "[1, 2]", "{\"version\": 2, \"lessons\": {}}",
                      "{\"version\": 1, \"lessons\": {\"one\": {\"position\": 1, \"completed\": false}}}",
                      "{\"version\": 1, \"lessons\": {\"1\": {\"position\": -4, \"completed\": false}}}",
                      "\u{FF}\u{FE}garbage"])
    func damagedFilesStartFresh(contents: String) throws {
        let directory = LessonHarness.temporaryDirectory("progress")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try contents.write(toFile: directory + "/progress.json", atomically: true, encoding: .utf8)
        var warnings: [String] = []
        let store = ProgressStore(directory: directory) { warnings.append($0) }
        #expect(store.progress == Progress())
        #expect(warnings.count == 1)
    }

    @Test func anUnwritableStateDirectoryIsAWarningNotAFailure() throws {
        let blocked = LessonHarness.temporaryDirectory("blocked"), file = blocked + "/file"
        defer { try? FileManager.default.removeItem(atPath: blocked) }
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let lessons = ["01-a.md": "# A\n```convbook\ndims 5 3\n```\n```convbook\ndims 6 3\n```\n"]
        let harness = try LessonHarness(lessons: lessons, interactive: true, stateDirectory: file + "/state")
        harness.recordCommands()
        #expect(harness.execute("lesson 1"))
        #expect(harness.execute("next"))
        #expect(harness.output.contains("warning: cannot save the lesson progress"))
    }
}

@Suite struct LessonCompletionTests {
    @Test func tabOffersTheLessonNumbers() {
        let numbers = LessonCatalog.numbersOnDisk(environment: ["CONVBOOK_LESSONS": LessonCatalog.sourceTreeLessons])
        #expect(numbers.count >= 6)
        #expect(numbers.prefix(2) == ["1", "2"])
        #expect(LessonCatalog.numbersOnDisk(environment: ["CONVBOOK_LESSONS": "/nonexistent"]).isEmpty)
    }
}

/// A cell that starts a stepper of its own (`conv demo`): Enter steps it to the end first.
@Suite struct LessonInnerStepperTests {
    @Test func enterStepsTheDemoThenTheNextCell() throws {
        let lesson = "# Demo\n```convbook\nconv demo\n```\n```convbook\ndims 5 3\n```\n"
        let harness = try LessonHarness(lessons: ["01-demo.md": lesson], interactive: true)
        harness.execute("lesson 1")
        harness.execute("")
        #expect(harness.output.contains("window 1 of 9"))
        #expect(!harness.output.contains("window 2 of 9"))
        for _ in 2...9 { harness.execute("") }
        #expect(harness.output.contains("window 9 of 9"))
        #expect(!harness.output.contains("convbook> dims 5 3"))
        harness.clearOutput()
        harness.execute("where")
        #expect(harness.output.contains("cell 2 of 2"))
        harness.execute("")
        #expect(harness.output.contains("convbook> dims 5 3"))
        #expect(harness.output.contains("Lesson 1 done."))
    }

    @Test func aLessonEndingWithADemoIsDoneWhenTheDemoIs() throws {
        let lesson = "# Demo\n```convbook\ndims 5 3\n```\n```convbook\nconv demo\n```\nThe end.\n"
        let harness = try LessonHarness(lessons: ["01-demo.md": lesson], interactive: true)
        harness.execute("lesson 1")
        harness.execute("")
        harness.execute("")
        #expect(harness.output.contains("window 1 of 9"))
        #expect(!harness.output.contains("Lesson 1 done."), "not while the demo has windows left")
        for _ in 2...9 { harness.execute("") }
        #expect(harness.output.contains("window 9 of 9"))
        #expect(harness.output.contains("The end.\n\nLesson 1 done."))
        harness.execute("")
        #expect(harness.output.components(separatedBy: "Lesson 1 done.").count == 2, "announced once")
    }

    @Test func aDemoFinishedByHandStillEndsTheLessonOnEnter() throws {
        let lesson = "# Demo\n```convbook\nconv demo\n```\n"
        let harness = try LessonHarness(lessons: ["01-demo.md": lesson], interactive: true)
        harness.execute("lesson 1")
        harness.execute("")
        #expect(harness.execute("conv run"))
        #expect(!harness.output.contains("Lesson 1 done."))
        harness.execute("")
        #expect(harness.output.contains("Lesson 1 done."))
    }
}

/// A lesson's model is saved after every cell that changes it, including the cell that has
/// given it only its input (a model file needs a layer, so `scope.json` keeps the line).
@Suite struct LessonModelStateTests {
    @Test func aModelWithOnlyItsInputIsKeptWithoutAWarning() throws {
        let lesson = "# Build\n```convbook\nmodel new\n```\n```convbook\nadd input 28 28 1\n```\n```convbook\nadd flatten\n```\n"
        let state = LessonHarness.temporaryDirectory("state")
        defer { try? FileManager.default.removeItem(atPath: state) }
        let first = try LessonHarness(lessons: ["01-build.md": lesson], interactive: true, stateDirectory: state)
        first.execute("lesson 1")
        first.execute("")
        first.execute("")
        #expect(first.output.contains("input: (None, 28, 28, 1)"))
        #expect(!first.output.contains("warning"), "\(first.output)")
        // The program started again: the model still has its input, so the next cell works.
        let again = try LessonHarness(lessons: ["01-build.md": lesson], interactive: true, stateDirectory: state)
        again.execute("lesson 1")
        #expect(again.output.contains("Resuming at cell 3 of 3"), "\(again.output)")
        again.execute("")
        #expect(again.output.contains("flatten"), "\(again.output)")
        #expect(!again.output.contains("error") && !again.output.contains("warning"), "\(again.output)")
        #expect(again.session.scope.workspace.model?.inputShape == [28, 28, 1])
    }

    /// scope.json's model input is an `input` line; anything else is refused with a warning
    /// and the lesson's model starts again (a model with layers has its own file).
    @Test(arguments: ["conv 32 3 stride=2 relu", "flatten", "input 0 0 0", ""])
    func aSavedInputThatIsNotOneIsRefused(line: String) throws {
        let harness = try LessonHarness(lessons: ["01-build.md": "# Build\n```convbook\nmodel new\n```\n"])
        let scope = Scope(lesson: 1)
        scope.workspace.resetModel(started: true)
        try LessonScopeStore.save(scope, lesson: 1, includingModel: true, in: harness.session)
        let path = LessonScopeStore.directory(lesson: 1, in: harness.session) + "/scope.json"
        var record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        record["modelInput"] = line
        try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: path))
        var warnings: [String] = []
        let restored = try #require(LessonScopeStore.load(lesson: 1, in: harness.session) { warnings.append($0) })
        #expect(restored.workspace.model == nil)
        #expect(warnings == ["lesson 1's saved state holds a model input that cannot be rebuilt; the lesson's model starts again"])
    }
}
