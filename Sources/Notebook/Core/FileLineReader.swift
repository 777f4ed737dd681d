#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines from a file descriptor (standard input, a script), read as bytes.
///
/// Any bytes are accepted: invalid UTF-8 becomes U+FFFD, a trailing "\r" is dropped, and a
/// last line without a newline still counts. A line longer than `maximumLineBytes` is skipped
/// whole and reported through `onOverlongLine`, so memory stays bounded whatever comes in.
public final class FileLineReader: LineReader {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let maximumLineBytes: Int
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`: lines are not cut from the front one by one
    /// (that is quadratic in a file of many short lines); `fill` drops what was read.
    private var start = 0
    private var scanned = 0
    private var atEnd = false
    /// Called with the 1-based line number of each line skipped for being too long.
    public var onOverlongLine: ((Int) -> Void)?
    /// How many lines have been returned or skipped.
    public private(set) var lineNumber = 0

    /// Reads from `descriptor`, which stays open when the reader goes.
    public init(descriptor: Int32, maximumLineBytes: Int = 8 << 20) {
        self.descriptor = descriptor
        self.ownsDescriptor = false
        self.maximumLineBytes = maximumLineBytes
    }

    /// Opens the file at `path` for reading; fails with a message if it cannot be read.
    public init(path: String, maximumLineBytes: Int = 8 << 20) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CommandError("cannot read '\(CommandError.quoted(path))': \(String(cString: strerror(errno)))")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw CommandError("cannot read '\(CommandError.quoted(path))': it is a directory")
        }
        self.descriptor = descriptor
        self.ownsDescriptor = true
        self.maximumLineBytes = maximumLineBytes
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    public func readLine(prompt: String) -> String? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                if newline - start > maximumLineBytes {
                    skipRestOfLine()
                    continue
                }
                var line = buffer[start..<newline]
                start = newline + 1
                scanned = start
                lineNumber += 1
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                return String(decoding: line, as: UTF8.self)
            }
            scanned = buffer.count
            if buffer.count - start > maximumLineBytes {
                skipRestOfLine()
                continue
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                buffer.append(UInt8(ascii: "\n"))
                continue
            }
            fill()
        }
    }

    /// Reads one chunk into the buffer, first dropping the lines already returned; sets
    /// `atEnd` at end of file or on an error.
    private func fill() {
        if start > 0 {
            buffer.removeSubrange(..<start)
            scanned -= start
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { atEnd = true; return }
            buffer.append(contentsOf: chunk[..<count])
            return
        }
    }

    /// Drops the over-long line in the buffer and everything up to its newline.
    private func skipRestOfLine() {
        lineNumber += 1
        onOverlongLine?(lineNumber)
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                start = newline + 1
                scanned = start
                return
            }
            buffer.removeAll(keepingCapacity: true)
            start = 0
            scanned = 0
            if atEnd { return }
            fill()
        }
    }
}
