import Foundation
import Notebook
import Testing

/// Every lesson run end to end by the real binary off a terminal (`convbook -c 'lesson N'`,
/// training cut short by CONVBOOK_QUICK=1): it must succeed, and every check's answer must
/// appear in the output of the command that derives it.
@Suite struct LessonEndToEndTests {
    @Test func thereAreAtLeastSixLessonsEachWithThreeCellsAndACheck() throws {
        let lessons = try LessonProcess.lessons()
        #expect(lessons.map(\.number) == Array(1...lessons.count))
        #expect(lessons.count >= 6)
        for lesson in lessons {
            #expect(lesson.cells.count >= 3, "lesson \(lesson.number)")
            #expect(lesson.cells.contains { if case .check = $0.kind { true } else { false } }, "lesson \(lesson.number)")
        }
    }

    @Test(arguments: 1...6)
    func lessonRunsToTheEnd(number: Int) throws {
        let lessons = try LessonProcess.lessons()
        let lesson = try #require(lessons.first { $0.number == number })
        let result = try LessonProcess.run(["-c", "lesson \(number)"])
        #expect(result.status == 0, "lesson \(number) failed:\n\(result.output)")
        #expect(result.output.contains("Lesson \(number) done: all \(lesson.cells.count) cells ran."))
        LessonOutputChecks.checkAnswersAreDerived(lesson, output: result.output)
        LessonOutputChecks.checkProseNumbers(lesson, output: result.output)
    }
}

/// Assertions on what a lesson printed.
enum LessonOutputChecks {
    /// Each check's answer must be printed by the program: by its `show` command (what follows
    /// its "Answer:" line, up to the next cell), or, without one, by the cells before it.
    /// So the number in the lesson file is the one the program computes.
    static func checkAnswersAreDerived(_ lesson: Lesson, output: String) {
        var searchFrom = output.startIndex
        for cell in lesson.cells {
            guard case .check(let check) = cell.kind else { continue }
            // Questions are wrapped to the terminal's width; the answer line follows them.
            guard let asked = output.range(of: "\nAnswer: \(check.answerText)\n", range: searchFrom..<output.endIndex) else {
                Issue.record("lesson \(lesson.number): the check '\(check.question)' was not printed with its answer")
                continue
            }
            searchFrom = asked.upperBound
            let derivation: Substring
            if check.show != nil {
                let rest = output[asked.upperBound...]
                derivation = rest.range(of: "\n[cell ").map { rest[..<$0.lowerBound] } ?? rest
            } else {
                derivation = output[..<asked.lowerBound]
            }
            let spellings = LessonProcess.spellings(of: check)
            #expect(spellings.contains { LessonProcess.contains(String(derivation), number: $0) },
                    "lesson \(lesson.number): the program never shows \(check.answerText) for '\(check.question)':\n\(derivation)")
        }
    }

    /// Numbers the prose states must match what the program printed.
    static func checkProseNumbers(_ lesson: Lesson, output: String) {
        switch lesson.number {
        case 3:
            // "That one layer holds about 73% of the model's parameters."
            let dense = 262_656.0
            guard let total = firstNumber(after: "Total params", in: output) else {
                Issue.record("lesson 3: no 'Total params' in the summary:\n\(output)")
                return
            }
            #expect(LessonProcess.contains(output, number: "262,656"), "the Dense 512 layer's count")
            #expect((100 * dense / total).rounded() == 73, "the prose says 73%; computed \(100 * dense / total)")
            #expect(lesson.closingProse.contains("about 73%"))
        case 4:
            // The tutorial's shapes and parameter count, and the data's sizes the prose gives.
            for shape in ["13, 13, 32", "6, 6, 64", "2, 2, 128"] {
                #expect(output.contains(shape) || output.contains(shape.replacingOccurrences(of: ", ", with: "x")),
                        "lesson 4 should show the shape \(shape)")
            }
            #expect(LessonProcess.contains(output, number: "360,458"))
            #expect(output.contains("60000") || output.contains("60,000"))
            #expect(output.contains("10000") || output.contains("10,000"))
        default:
            break
        }
    }

    /// The first number (digits and commas) after `label` in `text`.
    static func firstNumber(after label: String, in text: String) -> Double? {
        guard let found = text.range(of: label) else { return nil }
        let digits = text[found.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "," }
        return Double(digits.replacingOccurrences(of: ",", with: ""))
    }
}
