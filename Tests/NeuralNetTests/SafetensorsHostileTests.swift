import Foundation
import Testing
import TensorCore
@testable import NeuralNet

/// Hostile safetensors files: each a one-line `SafetensorsError`, within a second, with no
/// allocation larger than the file.
@Suite struct SafetensorsHostileTests {
    func expectFailure(_ bytes: [UInt8], _ problem: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var thrown: Error?
        let seconds = secondsTaken {
            do { _ = try SafetensorsFile(bytes: bytes, name: "model.safetensors") } catch { thrown = error }
        }
        #expect(thrown.map { "\($0)" } == "model.safetensors: " + problem, sourceLocation: sourceLocation)
        #expect(seconds < 1, "took \(seconds) s", sourceLocation: sourceLocation)
    }

    let float4 = [UInt8](repeating: 0, count: 4)

    @Test func tooShort() {
        expectFailure([1, 2, 3], "too short for a safetensors file (3 bytes)")
    }

    @Test func headerLengthTwoToTheSixtyThird() {
        expectFailure(safetensorsBytes(header: "{}", declaredLength: 1 << 63),
                      "header length 9223372036854775808 is more than the 100 MB allowed")
        expectFailure(safetensorsBytes(header: "{}", declaredLength: UInt64.max),
                      "header length 18446744073709551615 is more than the 100 MB allowed")
    }

    @Test func headerLengthPastTheEnd() {
        expectFailure(safetensorsBytes(header: "{}", declaredLength: 1000),
                      "header length 1000 runs past the end of the file (10 bytes)")
    }

    @Test func headerThatIsNotJSON() {
        expectFailure(safetensorsBytes(header: "PK\u{03}\u{04}"), "header is not valid JSON: not JSON (unexpected character) at byte 0")
        expectFailure(safetensorsBytes(header: #"{"a": }"#), "header is not valid JSON: not JSON (unexpected character) at byte 6")
        expectFailure(safetensorsBytes(header: #"{"a": 1} x"#), "header is not valid JSON: unexpected text after the JSON value at byte 9")
        expectFailure(safetensorsBytes(header: #"{"a": "\#u{01}"}"#), "header is not valid JSON: control character in a JSON string at byte 7")
        expectFailure(safetensorsBytes(header: #"{"a":1,"a":2}"#), #"header is not valid JSON: duplicate key "a" at byte 10"#)
        expectFailure(safetensorsBytes(header: String(repeating: "[", count: 100_000)),
                      "header is not valid JSON: JSON nested more than 64 deep at byte 64")
        // {"a": "<FF>"}: the string's bytes are not UTF-8 (reported where the string ends).
        let header: [UInt8] = Array(#"{"a": ""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        expectFailure(withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header,
                      "header is not valid JSON: JSON string is not valid UTF-8 at byte 8")
    }

    @Test func headersThatWouldExpandHugely() {
        // 2 MB of "0," would be a million JSON values (and a 100 MB one fifty million).
        let zeros = "[" + String(repeating: "0,", count: 1_000_000) + "0]"
        expectFailure(safetensorsBytes(header: zeros), "header is not valid JSON: JSON holds more than 1000000 values at byte 1999999")
        // One 20 MB string is fine to skip over, and quick.
        let long = "{\"__metadata__\":{\"a\":\"" + String(repeating: "x", count: 20_000_000) + "\"}, \"w\": 1}"
        expectFailure(safetensorsBytes(header: long), #"tensor "w" is a number, not an object"#)
    }

    @Test func headerThatIsNotAnObject() {
        expectFailure(safetensorsBytes(header: "[1, 2]"), "header is an array, not a JSON object")
        expectFailure(safetensorsBytes(header: #""text""#), "header is a string, not a JSON object")
    }

    @Test func entryShapes() {
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: float4),
                      #"tensor "w": shape holds -1, not a whole number >= 0"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, data: float4),
                      #"tensor "w": shape holds 1.5, not a whole number >= 0"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,4]}}"#, data: float4),
                      #"tensor "w": shape holds 99999999999999999999, not a whole number >= 0"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#, data: float4),
                      #"tensor "w": shape [4294967296, 4294967296] is too large"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[1000000,1000000],"data_offsets":[0,4]}}"#, data: float4),
                      #"tensor "w": data_offsets [0, 4] hold 4 bytes, shape [1000000, 1000000] of F32 needs 4000000000000"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":"2","data_offsets":[0,4]}}"#, data: float4),
                      #"tensor "w": shape is not an array"#)
    }

    @Test func wrongDtype() {
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, data: float4),
                      #"tensor "w" has dtype F16; convbook reads F32 only"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"Q99","shape":[1],"data_offsets":[0,4]}}"#, data: float4),
                      #"tensor "w" has dtype "Q99"; convbook reads F32 only"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":5,"shape":[1],"data_offsets":[0,4]}}"#, data: float4),
                      #"tensor "w": dtype is not a string"#)
    }

    @Test func offsets() {
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: float4),
                      #"tensor "w": data_offsets [4, 8] are outside the 4 bytes of data"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}"#, data: float4),
                      #"tensor "w": data_offsets [-4, 0] are outside the 4 bytes of data"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, data: float4),
                      #"tensor "w": data_offsets [4, 0] are outside the 4 bytes of data"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,9223372036854775807]}}"#, data: float4),
                      #"tensor "w": data_offsets [0, 9223372036854775807] are outside the 4 bytes of data"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, data: float4),
                      #"tensor "w": data_offsets is not [begin, end] in whole numbers"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: float4),
                      #"tensor "w": data_offsets [0, 4] hold 4 bytes, shape [2] of F32 needs 8"#)
        expectFailure(safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[1]}}"#, data: float4),
                      #"tensor "w" has no data_offsets"#)
    }

    @Test func overlappingTensors() {
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        expectFailure(safetensorsBytes(header: header, data: float4 + float4 + float4), #"tensors "a" and "b" overlap in the data"#)
    }

    @Test func badMetadata() {
        expectFailure(safetensorsBytes(header: #"{"__metadata__":{"epochs":10}}"#), #"__metadata__ value "epochs" is a number, not a string"#)
        expectFailure(safetensorsBytes(header: #"{"__metadata__":[]}"#), "__metadata__ is an array, not an object of strings")
        expectFailure(safetensorsBytes(header: #"{"w":[]}"#), #"tensor "w" is an array, not an object"#)
    }

    @Test func missingFile() {
        #expect(throws: SafetensorsError(file: "nothing.safetensors", "cannot open: No such file or directory")) {
            _ = try SafetensorsFile(contentsOf: "/nonexistent-convbook/nothing.safetensors")
        }
        #expect(throws: SafetensorsError(file: "tmp", "cannot open: it is a directory")) {
            _ = try SafetensorsFile(contentsOf: "/tmp")
        }
    }

    @Test func everyTruncationOfAValidFileFailsCleanly() throws {
        var file = SafetensorsFile(metadata: ["a": "b"])
        file.append(Tensor(shape: [3], scalars: [1, 2, 3]), as: "w")
        let bytes = file.serialized()
        for length in 0..<bytes.count {
            #expect(throws: SafetensorsError.self) { _ = try SafetensorsFile(bytes: Array(bytes[..<length])) }
        }
    }
}
