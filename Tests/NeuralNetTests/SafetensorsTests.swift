import Foundation
import Testing
import TensorCore
@testable import NeuralNet

/// Builds safetensors bytes by hand: a header text and a data buffer.
func safetensorsBytes(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
    let json = Array(header.utf8)
    return withUnsafeBytes(of: (declaredLength ?? UInt64(json.count)).littleEndian, Array.init) + json + data
}

/// Runs `body` and returns how long it took, in seconds.
func secondsTaken(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

@Suite struct SafetensorsTests {
    func sampleFile() -> SafetensorsFile {
        var file = SafetensorsFile(metadata: ["architecture": "add input 28 28 1\nadd flatten", "quote \"and\" slash \\": "ü ✓ \u{01}"])
        file.append(Tensor(shape: [3, 3, 1, 2], scalars: (0..<18).map { Float($0) * 0.25 - 2 }), as: "conv2d.kernel")
        file.append(Tensor(shape: [2], scalars: [.pi, -.infinity]), as: "conv2d.bias")
        file.append(Tensor(shape: [0, 4]), as: "empty")
        file.append(Tensor(shape: [], scalars: [42]), as: "scalar")
        return file
    }

    @Test func roundTripInMemory() throws {
        let file = sampleFile()
        let bytes = file.serialized()
        let read = try SafetensorsFile(bytes: bytes)
        #expect(read == file)
        #expect(read.names == ["conv2d.kernel", "conv2d.bias", "empty", "scalar"])
        // The data starts 8-byte aligned, as the reference writer pads it.
        let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect((8 + headerLength) % 8 == 0)
        #expect(bytes.count == 8 + headerLength + 4 * (18 + 2 + 0 + 1))
    }

    @Test func readsAFileWrittenByTheReferenceLayout() throws {
        // As Python's safetensors writes it: sorted keys, a metadata object, padding spaces.
        let header = #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1,1],"data_offsets":[8,12]}}"#
        let data: [Float] = [1.5, -2, 7]
        let bytes = safetensorsBytes(header: header + "    ", data: data.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) })
        let file = try SafetensorsFile(bytes: bytes)
        #expect(file["a"] == Tensor(shape: [2], scalars: [1.5, -2]))
        #expect(file["b"] == Tensor(shape: [1, 1], scalars: [7]))
        #expect(file.metadata == ["format": "pt"])
    }

    @Test func roundTripOnDiskReplacesTheOldFile() throws {
        let directory = NSTemporaryDirectory() + "convbook-safetensors-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/model.safetensors"
        var first = SafetensorsFile(metadata: ["epoch": "1"])
        first.append(Tensor(shape: [2], scalars: [1, 2]), as: "dense.bias")
        try first.write(to: path)
        let second = sampleFile()
        try second.write(to: path)
        #expect(try SafetensorsFile(contentsOf: path) == second)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["model.safetensors"])
    }

    @Test func writingIntoAMissingDirectoryIsACleanError() {
        #expect(throws: AtomicFileError.self) {
            try sampleFile().write(to: "/nonexistent-convbook-dir/model.safetensors")
        }
    }
}

/// Interoperability with the reference implementation (the `safetensors` package).
@Suite struct SafetensorsReferenceTests {
    /// Written by tools/make_safetensors_fixture.py; each tensor is a formula recomputed here.
    @Test func readsWhatTheReferenceWrites() throws {
        let path = try #require(Bundle.module.path(forResource: "reference-written", ofType: "safetensors", inDirectory: "Fixtures"))
        let file = try SafetensorsFile(contentsOf: path)
        #expect(file.names == ["café ✓", "conv2d.bias", "conv2d.kernel", "dense.kernel", "empty", "scalar"])
        #expect(file.metadata == ["format": "np", "note": "written by safetensors \"reference\"\n"])
        #expect(file["conv2d.kernel"] == Tensor(shape: [3, 3, 1, 32], scalars: (0..<288).map { Float($0) * 0.5 - 10 }))
        #expect(file["conv2d.bias"] == Tensor(shape: [32], repeating: -0.25))
        #expect(file["dense.kernel"] == Tensor(shape: [2, 3], scalars: (0..<6).map { Float($0 * $0) }))
        #expect(file["scalar"] == Tensor(shape: [], scalars: [3.5]))
        #expect(file["empty"] == Tensor(shape: [0, 7]))
        let extremes = try #require(file["café ✓"]).scalars
        #expect(extremes.map(\.bitPattern) == [Float(1e-38), -0.0, Float(3.4e38)].map(\.bitPattern))
    }
}
