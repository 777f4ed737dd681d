#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorCore

/// A source of bytes read front to back: a file, memory, or a gzip stream over either.
protocol ByteReader: AnyObject {
    /// Fills `buffer` from its start and returns how many bytes were written; fewer than
    /// `buffer.count` only at the end of the data. Throws `DatasetError` on read failures.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteReader {
    /// Reads up to `count` bytes (fewer only at the end of the data).
    func read(upTo count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = try bytes.withUnsafeMutableBytes { try read(into: $0) }
        bytes.removeLast(count - got)
        return bytes
    }
}

/// Bytes already in memory (tests, fuzzing).
final class MemoryByteReader: ByteReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - position)
        if count > 0 {
            bytes.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
            }
        }
        position += count
        return count
    }
}

/// A file read with POSIX `read`, closed when released.
final class FileByteReader: ByteReader {
    private let descriptor: Int32
    private let name: String
    /// The file's size if it is a regular file (devices and pipes have none).
    let regularFileSize: Int?

    /// Opens `path` for reading; a missing or unreadable file is a `DatasetError`.
    init(path: String) throws {
        name = DatasetError.name(of: path)
        // Regular files only, opened without blocking: a FIFO in the data directory must
        // not hang 'data'.
        do {
            let (descriptor, size) = try RegularFile.open(path)
            self.descriptor = descriptor
            regularFileSize = size
        } catch let error as FileReadError {
            if error.kind == .directory {
                throw DatasetError(file: name, "is a directory, not a data file")
            }
            throw DatasetError(file: name, "cannot open: \(error.reason)")
        }
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            let got = systemRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if got < 0 {
                if errno == EINTR { continue }
                throw DatasetError(file: name, "cannot read: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            filled += got
        }
        return filled
    }

    /// The last four bytes as a little-endian number (a gzip file's size field), without
    /// moving the read position; nil unless this is a regular file of at least 4 bytes.
    func lastFourBytes() -> UInt32? {
        guard let size = regularFileSize, size >= 4 else { return nil }
        var field: UInt32 = 0
        let got = withUnsafeMutableBytes(of: &field) { pread(descriptor, $0.baseAddress, 4, off_t(size - 4)) }
        return got == 4 ? UInt32(littleEndian: field) : nil
    }

    /// The first two bytes, without moving the read position (for the gzip magic).
    func peekTwoBytes() -> (UInt8, UInt8)? {
        var pair: (UInt8, UInt8) = (0, 0)
        let got = withUnsafeMutableBytes(of: &pair) { pread(descriptor, $0.baseAddress, 2, 0) }
        return got == 2 ? pair : nil
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
