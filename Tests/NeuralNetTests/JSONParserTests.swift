import Testing
@testable import NeuralNet

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    func failure(_ text: String) -> String? {
        do { _ = try parse(text); return nil } catch { return (error as? JSONParser.Failure)?.message }
    }

    @Test func values() throws {
        #expect(try parse(#" {"a": [1, -2.5e3, true, false, null], "b": {}} "#)
                == .object([("a", .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null])), ("b", .object([]))]))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("0").integer == 0)
        #expect(try parse("-0").integer == 0)
        #expect(try parse("9223372036854775808").integer == nil)  // past Int.max: not an Int
    }

    @Test func escapes() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        #expect(try parse(#""caf\u00e9 \ud83d\ude00 ✓""#) == .string("café 😀 ✓"))
        #expect(failure(#""\x""#) == "invalid escape in a JSON string at byte 3")
        #expect(failure(#""\ud83d""#) == "unpaired surrogate in a JSON string at byte 7")
        #expect(failure(#""\ude00""#) == "unpaired surrogate in a JSON string at byte 7")
        #expect(failure(#""\u12g4""#) == #"invalid \u escape in a JSON string at byte 3"#)
        #expect(failure(#""\u+123""#) == #"invalid \u escape in a JSON string at byte 3"#)
    }

    @Test func writerQuotingParsesBack() throws {
        let awkward = "quote \" backslash \\ newline \n nul \u{0} bell \u{07} é 😀"
        #expect(try parse(JSONValue.quoted(awkward)) == .string(awkward))
    }

    @Test func malformed() {
        #expect(failure("") == "JSON ends early at byte 0")
        #expect(failure("[1,]") == "not JSON (unexpected character) at byte 3")
        #expect(failure("01") == "malformed number in JSON (leading zero) at byte 2")
        #expect(failure("1.") == "malformed number in JSON at byte 2")
        #expect(failure("tru") == "not JSON (unexpected word) at byte 0")
        #expect(failure(#"{"a" 1}"#) == "expected ':' in JSON at byte 5")
        #expect(failure(#"{1: 2}"#) == "expected a string key in JSON at byte 1")
        #expect(failure(#""abc"#) == "unterminated string in JSON at byte 4")
    }
}
