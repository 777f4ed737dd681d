/// A strict JSON parser over UTF-8 bytes, for headers that may be hostile: nesting is
/// limited to `maximumDepth` and the number of values to `maximumValues` (so a 100 MB
/// header of `[0,0,0,...]` cannot expand into gigabytes), every error says what and at
/// which byte.
struct JSONParser {
    struct Failure: Error, Equatable {
        let message: String
    }

    static let maximumDepth = 64
    /// Far more than any model needs (a tensor takes 6-10 values) and still small in memory.
    static let maximumValues = 1_000_000

    private let bytes: [UInt8]
    private var position = 0
    private var valueCount = 0

    /// Parses `bytes` as one JSON value followed only by whitespace.
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ message: String) -> Failure {
        Failure(message: "\(message) at byte \(position)")
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func value(depth: Int) throws -> JSONValue {
        guard depth < Self.maximumDepth else { throw failure("JSON nested more than \(Self.maximumDepth) deep") }
        valueCount += 1
        guard valueCount <= Self.maximumValues else { throw failure("JSON holds more than \(Self.maximumValues) values") }
        skipWhitespace()
        guard position < bytes.count else { throw failure("JSON ends early") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("not JSON (unexpected character)")
        }
    }

    private mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard bytes.count - position >= expected.count, Array(bytes[position..<(position + expected.count)]) == expected else {
            throw failure("not JSON (unexpected word)")
        }
        position += expected.count
    }

    private mutating func expect(_ character: Character) throws {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == character.asciiValue else {
            throw failure("expected '\(character)' in JSON")
        }
        position += 1
    }

    /// True (and consumes it) if the next non-space byte is `character`.
    private mutating func consume(_ character: Character) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == character.asciiValue else { return false }
        position += 1
        return true
    }

    private mutating func object(depth: Int) throws -> JSONValue {
        position += 1  // {
        var members: [(key: String, value: JSONValue)] = []
        var keys = Set<String>()
        if consume("}") { return .object(members) }
        repeat {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a string key in JSON") }
            let key = try string()
            guard keys.insert(key).inserted else { throw failure("duplicate key \(JSONValue.quoted(String(key.prefix(60))))") }
            try expect(":")
            members.append((key, try value(depth: depth + 1)))
        } while consume(",")
        try expect("}")
        return .object(members)
    }

    private mutating func array(depth: Int) throws -> JSONValue {
        position += 1  // [
        var elements: [JSONValue] = []
        if consume("]") { return .array(elements) }
        repeat {
            elements.append(try value(depth: depth + 1))
        } while consume(",")
        try expect("]")
        return .array(elements)
    }

    /// A number's text, checked against JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func number() throws -> String {
        let start = position
        func digits() -> Int {
            let from = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            return position - from
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        guard digits() > 0 else { throw failure("malformed number in JSON") }
        if bytes[integerStart] == UInt8(ascii: "0"), position - integerStart > 1 { throw failure("malformed number in JSON (leading zero)") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw failure("malformed number in JSON") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw failure("malformed number in JSON") }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// A string's contents (position is at its opening quote). Runs without escapes are
    /// copied as they are; the whole is checked as UTF-8 once at the end.
    private mutating func string() throws -> String {
        position += 1  // opening quote
        let start = position
        var unescaped: [UInt8] = []  // used only once an escape is met
        var hasEscape = false
        var runStart = position
        while true {
            guard position < bytes.count else { throw failure("unterminated string in JSON") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw failure("control character in a JSON string") }
            if byte == UInt8(ascii: "\\") {
                hasEscape = true
                if runStart < position { unescaped += bytes[runStart..<position] }
                position += 1
                let scalar = try escape()
                if scalar.isASCII {
                    unescaped.append(UInt8(scalar.value))
                } else {
                    UTF8.encode(scalar) { unescaped.append($0) }
                }
                runStart = position
            } else {
                position += 1
            }
        }
        let text: String?
        if hasEscape {
            unescaped += bytes[runStart..<position]
            text = String(validating: unescaped, as: UTF8.self)
        } else {
            text = String(validating: bytes[start..<position], as: UTF8.self)
        }
        guard let text else { throw failure("JSON string is not valid UTF-8") }
        position += 1  // closing quote
        return text
    }

    /// The character after a backslash (position is just past the backslash).
    private mutating func escape() throws -> Unicode.Scalar {
        guard position < bytes.count else { throw failure("unterminated string in JSON") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try hexQuad()
            if (0xD800..<0xDC00).contains(first) {
                guard bytes.count - position >= 2, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw failure("unpaired surrogate in a JSON string")
                }
                position += 2
                let second = try hexQuad()
                guard (0xDC00..<0xE000).contains(second) else { throw failure("unpaired surrogate in a JSON string") }
                guard let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) else {
                    throw failure("invalid surrogate pair in a JSON string")
                }
                return scalar
            }
            guard let scalar = Unicode.Scalar(first) else { throw failure("unpaired surrogate in a JSON string") }
            return scalar
        default:
            throw failure("invalid escape in a JSON string")
        }
    }

    private mutating func hexQuad() throws -> UInt32 {
        guard bytes.count - position >= 4,
              let value = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16),
              bytes[position..<(position + 4)].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
        else { throw failure("invalid \\u escape in a JSON string") }
        position += 4
        return value
    }
}
