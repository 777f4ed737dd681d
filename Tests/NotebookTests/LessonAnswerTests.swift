import Testing
@testable import Notebook

@Suite struct LessonAnswerTests {
    @Test(arguments: [
        ("13", "13"), ("13", "13x13"), ("13", "13 x 13"), ("13", "13×13"), ("13", " 13 "),
        ("18496", "18,496"), ("18,496", "18496"), ("360,458", "360458"), ("13x13x32", "13 x 13 x 32"),
        ("13x13x32", "(13, 13, 32)".replacingOccurrences(of: ", ", with: "x")), ("0.001", "1e-3"),
        ("73%", "73"), ("Ankle boot", "ankle boot"), ("Ankle boot", "ANKLE-BOOT"),
        ("T-shirt/top", "t-shirt"), ("T-shirt/top", "top"), ("T-shirt/top", "T-shirt/top"),
        ("13", "thirteen"), ("13", "thirteen by thirteen"), ("10", "ten"), ("26", "twenty-six"),
        ("18496", "eighteen thousand four hundred and ninety-six"), ("9", "9 multiplications"),
        ("13x13", "13x13 pixels"), ("2.3", "2.30"), ("2.3", "2.3026"),
    ])
    func accepts(expected: String, given: String) throws {
        let answer = try #require(Answer.parse(expected))
        let parsed = try #require(Answer.parse(given))
        let check = Check(question: "?", answer: answer, answerText: expected, hint: nil, why: "", show: nil)
        #expect(check.accepts(parsed), "\(expected) should accept \(given)")
    }

    @Test(arguments: [
        ("13", "12"), ("13", "13x12"), ("13", "13x13x13"), ("18496", "18,495"), ("18496", "1,84,96"),
        ("13x13x32", "13x13"), ("Shirt", "T-shirt/top"), ("Shirt", "13"), ("13", "fourteen"), ("2.3", "2.4"),
        ("Ankle boot", "boot"),
    ])
    func rejects(expected: String, given: String) throws {
        let answer = try #require(Answer.parse(expected))
        let parsed = try #require(Answer.parse(given))
        let check = Check(question: "?", answer: answer, answerText: expected, hint: nil, why: "", show: nil)
        #expect(!check.accepts(parsed), "\(expected) should not accept \(given)")
    }

    @Test func emptyAndPunctuationAreNotAnswers() {
        #expect(Answer.parse("") == nil)
        #expect(Answer.parse("   ") == nil)
        #expect(Answer.parse("--") == nil)
    }
}
