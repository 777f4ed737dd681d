import Foundation
import Notebook
import Testing

/// Every lesson run end to end by the real binary off a terminal (`convbook -c 'lesson N'`,
/// training cut short by CONVBOOK_QUICK=1): it must succeed, and every check's answer must
/// appear in the output of the command that derives it.
@Suite struct LessonEndToEndTests {
    @Test func thereAreAtLeastSevenLessonsEachWithThreeCellsAndACheck() throws {
        let lessons = try LessonProcess.lessons()
        #expect(lessons.map(\.number) == Array(1...lessons.count))
        #expect(lessons.count >= 7)
        for lesson in lessons {
            #expect(lesson.cells.count >= 3, "lesson \(lesson.number)")
            #expect(lesson.cells.contains { if case .check = $0.kind { true } else { false } }, "lesson \(lesson.number)")
        }
    }

    /// Every lesson in lessons/, so a new one is run as soon as it is added.
    @Test(arguments: (try? LessonProcess.lessons().map(\.number)) ?? [])
    func lessonRunsToTheEnd(number: Int) throws {
        let lessons = try LessonProcess.lessons()
        let lesson = try #require(lessons.first { $0.number == number })
        let directory = LessonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try LessonProcess.run(["-c", "lesson \(number)"], in: directory)
        #expect(result.status == 0, "lesson \(number) failed:\n\(result.output)")
        #expect(result.output.contains("Lesson \(number) done: all \(lesson.cells.count) cells ran."))
        #expect(!result.output.contains("warning:"), "lesson \(number) warned:\n\(result.output)")
        LessonOutputChecks.checkAnswersAreDerived(lesson, output: result.output)
        LessonOutputChecks.checkNoAnswerBeforeItsQuestion(lesson, output: result.output)
        LessonOutputChecks.checkProseNumbers(lesson, output: result.output)
        // Lesson cells write their files into a directory convbook names, not the current one.
        let written = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        #expect(!written.contains { $0.hasSuffix(".safetensors") || $0.hasSuffix(".svg") }, "lesson \(number) wrote into the current directory: \(written)")
        if number == 4 {
            #expect(result.output.replacingOccurrences(of: "\n", with: " ")
                        .contains("saved \(directory)/.local/share/convbook/lesson-4/fashion-mnist-cnn.safetensors"),
                    "\(result.output.suffix(800))")
        }
    }

    /// Case 11: no lesson tells the learner to load a file from the repository, and none is there.
    @Test func noLessonLoadsAModelFileFromTheRepository() throws {
        for lesson in try LessonProcess.lessons() {
            let text = try String(contentsOfFile: LessonProcess.packageRoot.appendingPathComponent("lessons/\(lesson.fileName)").path, encoding: .utf8)
            #expect(!text.contains("load fashion-mnist-cnn"), "lesson \(lesson.number)")
        }
        let gitignore = try String(contentsOf: LessonProcess.packageRoot.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(gitignore.contains("/*.safetensors"), "model files written at the top level must never be committed")
    }
}

/// Assertions on what a lesson printed.
enum LessonOutputChecks {
    /// Each check's answer must be derived: printed by its `show` command (what follows its
    /// "Answer:" line, up to the next cell), so the number in the lesson file is the one the
    /// program computes; or, without one, written out in its `why`.
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
                derivation = Substring(check.why ?? "")
            }
            let spellings = LessonProcess.spellings(of: check)
            let derived = check.tolerance > 0
                ? LessonProcess.numbers(in: String(derivation)).contains { check.accepts(.numbers([$0])) }
                : spellings.contains { LessonProcess.contains(String(derivation), number: $0) }
            #expect(derived, "lesson \(lesson.number): the program never shows \(check.answerText) for '\(check.question)':\n\(derivation)")
        }
    }

    /// A check is a prediction only if its answer is not on the screen when it is asked: the
    /// cells between the previous check (after its derivation) and this question, with their
    /// prose, must not print it. Small numbers (below 10) are everywhere, so for them a
    /// giveaway is a size "NxN" or a line of the check's own derivation that holds the answer,
    /// anywhere in between, or a result "-> N" or "= N" printed by the cell just before.
    static func checkNoAnswerBeforeItsQuestion(_ lesson: Lesson, output: String) {
        var windowStart = output.startIndex
        for cell in lesson.cells {
            guard case .check(let check) = cell.kind else { continue }
            guard let asked = output.range(of: "\nCheck: ", range: windowStart..<output.endIndex),
                  let answered = output.range(of: "\nAnswer: \(check.answerText)\n", range: asked.upperBound..<output.endIndex) else {
                Issue.record("lesson \(lesson.number): the check '\(check.question)' was not printed")
                return
            }
            // The window as printed, without the "[cell i of n]" markers (numbers, not answers).
            let window = output[windowStart..<asked.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("[cell ") ? "[cell]" : String($0) }.joined(separator: "\n")
            let rest = output[answered.upperBound...]
            let next = rest.range(of: "\n[cell ")?.lowerBound ?? output.endIndex
            var found = giveaways(of: check, derivation: String(output[answered.upperBound..<next]))
                .filter { standsAlone($0, in: window) }
            if let digit = smallAnswer(check), let lastCell = window.range(of: "\n[cell ", options: .backwards) {
                found += ["-> \(digit)", "= \(digit)"].filter { standsAlone($0, in: String(window[lastCell.lowerBound...])) }
            }
            #expect(found.isEmpty, "lesson \(lesson.number): '\(check.question)' is answered (\(found)) before it is asked:\n\(window)")
            windowStart = next
        }
    }

    /// The texts that give `check`'s answer away.
    static func giveaways(of check: Check, derivation: String) -> [String] {
        if let digit = smallAnswer(check) {
            let derivationLines = derivation.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.count >= 8 && !$0.hasPrefix("Why:") && standsAlone(digit, in: $0) }
            return ["\(digit)x\(digit)"] + derivationLines
        }
        return LessonProcess.spellings(of: check)
    }

    /// The answer as written, when it is a single number below 10 (9, 0.1): such numbers
    /// turn up everywhere, in prose and in other results.
    static func smallAnswer(_ check: Check) -> String? {
        guard case .numbers(let values) = check.answer, values.count == 1, let value = values.first,
              abs(value) < 10 else { return nil }
        return check.answerText
    }

    /// Whether `text` holds `word` with no digit, decimal point or thousands comma glued to
    /// either side ("14" is not in "14.0s", "114" or "1,140").
    static func standsAlone(_ word: String, in text: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, options: [.caseInsensitive], range: searchRange) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
            let afterNext = found.upperBound < text.endIndex && text.index(after: found.upperBound) < text.endIndex
                ? text[text.index(after: found.upperBound)] : " "
            let glued = before.isNumber || after.isNumber || before == "," || before == "."
                || ((after == "." || after == ",") && afterNext.isNumber)
            if !glued { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }

    /// Numbers the prose states must match what the program printed.
    static func checkProseNumbers(_ lesson: Lesson, output: String) {
        let sums = windowSums(in: output)
        switch lesson.number {
        case 1:
            // "Compare this feature map with the first demo's: every value has changed sign."
            #expect(sums.count >= 18, "lesson 1 should show two full demos")
            if sums.count >= 18 {
                #expect(Array(sums.suffix(9)) == sums.prefix(9).map { -$0 }, "the flipped kernel's sums: \(sums)")
            }
        case 3:
            // "a kernel that looks for such a line: it fires at both places with the same value"
            if let strongest = sums.max() {
                #expect(sums.filter { $0 == strongest }.count == 2, "the line detector's sums: \(sums)")
            }
            // "the three convolutions together hold fewer parameters than the first Dense layer"
            let convolutions = ["conv2d (Conv2D)", "conv2d_1 (Conv2D)", "conv2d_2 (Conv2D)"]
                .compactMap { lastNumber(onLineStarting: "| " + $0, in: output) }
            #expect(convolutions.count == 3)
            if let dense = lastNumber(onLineStarting: "| dense (Dense)", in: output) {
                #expect(convolutions.reduce(0, +) < dense)
            } else {
                Issue.record("lesson 3: no Dense row in the summary")
            }
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
            LessonOutputChecks.checkForwardPassStatements(output)
        case 5:
            LessonOutputChecks.checkWhatTheNetworkLearnedStatements(output)
        case 6:
            // Every experiment is a named run; the last 'runs' table lists all seven, and
            // 'plot compare' labels every curve by its run.
            for (number, name) in ["baseline", "seed 2", "lr 0.01", "same", "fewer", "no drop", "max pool"].enumerated() {
                #expect(output.contains("\n\(number + 1) \(name) "), "run \(number + 1) (\(name)) missing from 'runs'")
                #expect(output.contains("run \(number + 1) (\(name))"), "run \(number + 1) missing from 'plot compare'")
            }
            #expect(output.contains("val_accuracy of every run"))
        case 7:
            // "Every cell of the feature map is -8", "L grew ... to -65.7" (the nudged demo's
            // sums), "the kernel ends within a thousandth of sobel-x", "m = 0.1 g".
            #expect(sums.count >= 18 && sums.prefix(9).allSatisfy { $0 == -8 }, "the first demo's sums: \(sums)")
            if sums.count >= 18 { #expect(abs(sums[9..<18].reduce(0, +) - -65.7) < 1e-9, "the nudged demo's sums: \(sums)") }
            let difference = output.range(of: "largest difference: ").flatMap { found in
                Double(output[found.upperBound...].prefix { $0.isNumber || $0 == "." })
            }
            #expect(difference.map { $0 < 0.001 } == true, "conv learn's largest difference: \(String(describing: difference))")
            #expect(output.contains("  dL/dK = [63 72 81; 108 117 126; 153 162 171]"))
            #expect(output.contains("  dL/db = 8\n"))
            // "The weight with the largest gradient moved by almost exactly lr = 0.001."
            let adam = output.range(of: "Adam step 1 ").map { String(output[$0.upperBound...]) } ?? ""
            let largest = adam.components(separatedBy: ", the largest |gradient|:\n").dropFirst().first ?? ""
            let change = largest.split(separator: "\n").first { $0.contains("change = ") }
                .flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
            #expect(change.map { abs(abs($0) - 0.001) < 1e-5 } == true, "Adam's first change: \(String(describing: change))")
        default:
            break
        }
    }

    /// The demo's window sums, in order: the X of every "sum: ... = X" line.
    static func windowSums(in text: String) -> [Double] {
        text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("sum:") }
            .compactMap { line in line.split(separator: "=").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
    }

    /// The last number on the first line of `text` that starts with `prefix`.
    static func lastNumber(onLineStarting prefix: String, in text: String) -> Double? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "|" })
        return words.last.flatMap { Double($0.replacingOccurrences(of: ",", with: "")) }
    }

    /// The first number (digits and commas) after `label` in `text`.
    static func firstNumber(after label: String, in text: String) -> Double? {
        guard let found = text.range(of: label) else { return nil }
        let digits = text[found.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "," }
        return Double(digits.replacingOccurrences(of: ",", with: ""))
    }
}
