import FuzzSupport
import Notebook

/// Fuzzes the lesson parser and the check-answer parser: any text must give a lesson or a
/// `LessonFormatError`, and any answer must parse or be rejected, never crash.
@main
enum FuzzLessons {
    static func main() {
        runFuzzer { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? LessonParser.parse(text, fileName: "01-fuzz.md")
            if let answer = Answer.parse(text) {
                _ = answer.accepts(answer)
            }
        }
    }
}
