import Foundation
import CZlib

/// Builds IDX files (and gzip copies) in memory for the tests.
enum IDXFixtures {
    /// An IDX header: magic 00 00 08 D, then each size as a big-endian UInt32.
    static func header(type: UInt8 = 0x08, dimensions: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
        for size in dimensions { bytes += withUnsafeBytes(of: size.bigEndian, Array.init) }
        return bytes
    }

    /// `count` images of `rows` x `columns` whose pixel k of image i is (i * 7 + k) % 256.
    static func images(count: Int, rows: Int = 4, columns: Int = 3) -> [UInt8] {
        header(dimensions: [UInt32(count), UInt32(rows), UInt32(columns)])
            + (0..<count).flatMap { image in (0..<(rows * columns)).map { UInt8((image * 7 + $0) % 256) } }
    }

    /// Labels 0-9 cycling from `first`.
    static func labels(count: Int, first: Int = 0) -> [UInt8] {
        header(dimensions: [UInt32(count)]) + (0..<count).map { UInt8((first + $0) % 10) }
    }

    /// `bytes` gzip-compressed with zlib (level 6).
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(&stream, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                      zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        var input = bytes
        let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = UInt32(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(outputBuffer.count)
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate failed: \(status)")
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output[..<produced])
    }

    /// A fresh temporary directory, removed by the caller with `remove`.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "convbook-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `bytes` to `directory/name` and returns the path.
    @discardableResult
    static func write(_ bytes: [UInt8], to directory: String, name: String) -> String {
        let path = directory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs `body` and returns how long it took, in seconds.
func secondsTaken(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
