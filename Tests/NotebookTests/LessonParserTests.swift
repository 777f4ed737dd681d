import TensorCore
import Testing
@testable import Notebook

@Suite struct LessonParserTests {
    @Test func readsProseCellsAndChecks() throws {
        let lesson = try LessonParser.parse(sampleLesson, fileName: "07-sample-lesson.md")
        #expect(lesson.number == 7)
        #expect(lesson.title == "Sample")
        #expect(lesson.cells.count == 4)
        #expect(lesson.cells[0].prose == "Some prose before the first cell.")
        #expect(lesson.cells[0].kind == .command("conv demo"))
        guard case .check(let check) = lesson.cells[1].kind else {
            Issue.record("cell 2 should be a check: \(lesson.cells[1])")
            return
        }
        #expect(check.question == "How big is the map?")
        #expect(check.answer == .numbers([13]))
        #expect(check.why == "Because the formula says so.")
        #expect(check.show == "dims 28 3 2")
        #expect(lesson.cells[3].prose.contains("model = keras.Sequential()"), "other code blocks are prose")
        #expect(lesson.closingProse == "The end.")
    }

    @Test(arguments: [
        ("01-x.md", "", "is empty"),
        ("01-x.md", "Title without hash\n```convbook\ndims 5 3\n```", "first line must be the title"),
        ("01-x.md", "# T\n\nprose only", "has no cells"),
        ("01-x.md", "# T\n```convbook\ndims 5 3\n", "never closed"),
        ("01-x.md", "# T\n```convbook\n```", "cell is empty"),
        ("01-x.md", "# T\n```convbook\ndims 5 3\ndims 6 3\n```", "holds one command"),
        ("01-x.md", "# T\n```convbook\nfrobnicate 3\n```", "does not start with a convbook command"),
        ("01-x.md", "# T\n```convbook\nlesson 2\n```", "notebook command 'lesson'"),
        ("01-x.md", "# T\n```convbook\nconv kernel [1 0\n```", "cannot read the command"),
        ("01-x.md", "# T\n```check\nanswer: 3\nwhy: w\n```", "no 'question:'"),
        ("01-x.md", "# T\n```check\nquestion: q\nwhy: w\n```", "no 'answer:'"),
        ("01-x.md", "# T\n```check\nquestion: q\nanswer: 3\n```", "needs 'why:' or 'show:'"),
        ("01-x.md", "# T\n```check\nquestion: q\nanswer: 3\nwhy: w\ncolour: red\n```", "unknown key 'colour'"),
        ("01-x.md", "# T\n```check\nquestion: q\nquestion: r\nanswer: 3\nwhy: w\n```", "given twice"),
        ("01-x.md", "# T\n```check\n  indented first\n```", "no 'key:' came before"),
        ("01-x.md", "# T\n```check\nno colon here\n```", "expected 'key: value'"),
        ("01-x.md", "# T\n```check\nquestion: q\nanswer: ---\nwhy: w\n```", "cannot read the answer"),
        ("01-x.md", "# T\n```check\nquestion: q\nanswer: 3\nshow: nonsense\n```", "does not start with a convbook command"),
        ("01-x.md", "# T\u{0}\n```convbook\ndims 5 3\n```", "NUL"),
        ("1-x.md", "# T\n```convbook\ndims 5 3\n```", "named NN-kebab-title.md"),
        ("01-Big.md", "# T\n```convbook\ndims 5 3\n```", "named NN-kebab-title.md"),
        ("00-x.md", "# T\n```convbook\ndims 5 3\n```", "named NN-kebab-title.md"),
        ("01-x.txt", "# T\n```convbook\ndims 5 3\n```", "named NN-kebab-title.md"),
        ("01--x.md", "# T\n```convbook\ndims 5 3\n```", "named NN-kebab-title.md"),
    ])
    func rejectsMalformedLessons(fileName: String, text: String, expected: String) {
        do {
            let lesson = try LessonParser.parse(text, fileName: fileName)
            Issue.record("accepted a malformed lesson: \(lesson)")
        } catch let error as LessonFormatError {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.hasPrefix(fileName))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func reportsTheLineOfTheProblem() {
        let text = "# T\n\nprose\n\n```convbook\n\n```\n"
        #expect(throws: LessonFormatError(fileName: "02-y.md", line: 5,
                                          message: "the convbook cell is empty; it must hold one command")) {
            try LessonParser.parse(text, fileName: "02-y.md")
        }
    }

    @Test func acceptsTildeFencesLongerFencesAndWindowsLineEndings() throws {
        let text = "# T\r\n\r\n~~~convbook\r\ndims 5 3\r\n~~~\r\n\r\n````markdown\r\n```convbook\r\nnot a cell\r\n```\r\n````\r\n"
        let lesson = try LessonParser.parse(text, fileName: "03-z.md")
        #expect(lesson.cells.map(\.kind) == [.command("dims 5 3")])
        #expect(lesson.closingProse.contains("not a cell"))
    }

    /// Random edits of a good lesson either parse or fail with a LessonFormatError; never crash.
    @Test func survivesMutatedLessons() {
        var generator = SplitMix64(seed: 42)
        let characters = Array(sampleLesson)
        let pieces: [String] = ["```", "~~~", "\n", "check", "convbook", ":", " ", "answer: ", "\u{0}", "é", "`"]
        for _ in 0..<500 {
            var text = characters
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let position = Int.random(in: 0...text.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: text.insert(contentsOf: pieces.randomElement(using: &generator)!, at: position)
                case 1: if position < text.count { text.remove(at: position) }
                default: text = Array(text[..<position])
                }
            }
            do { _ = try LessonParser.parse(String(text), fileName: "05-fuzz.md") } catch is LessonFormatError {} catch {
                Issue.record("unexpected error type \(error)")
            }
        }
    }
}

