#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for reading the one safe way: as a regular file, never blocking.
///
/// `open` uses `O_NONBLOCK` (a FIFO with no writer, or a device, would otherwise hang the
/// open itself), then `fstat` on the descriptor, so what is checked (type, size) is what was
/// opened: a symlink is judged by its target, and no one can swap the file in between.
/// Anything but a regular file is refused with a reason a learner can act on.
///
///     let bytes = try RegularFile.read("progress.json", limit: 1 << 20)
///
/// Every reader of a file a learner or a file names goes through here: model files, data
/// files, lessons, progress, pictures.
public enum RegularFile {
    /// Opens `path` for reading. Returns the descriptor (the caller closes it) and the size
    /// the descriptor's `fstat` gives. Throws `FileReadError` if it cannot be opened or is
    /// not a regular file.
    public static func open(_ path: String) throws -> (descriptor: Int32, size: Int) {
        let descriptor = systemOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw FileReadError(path: path, reason: String(cString: strerror(code)), kind: code == ENOENT ? .missing : .other)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw FileReadError(path: path, reason: reason)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw FileReadError(path: path, reason: describeNonRegular(mode: status.st_mode),
                                kind: (status.st_mode & S_IFMT) == S_IFDIR ? .directory : .notRegular)
        }
        // Regular files never block; clear the flag so reads behave as usual everywhere.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return (descriptor, Int(status.st_size))
    }

    /// The whole of the regular file at `path`, refused (before reading) if it is larger than
    /// `limit` bytes. A file that grows while being read is cut at `limit + 1` bytes and refused.
    public static func read(_ path: String, limit: Int) throws -> [UInt8] {
        let (descriptor, size) = try open(path)
        defer { close(descriptor) }
        guard size <= limit else { throw FileReadError(path: path, reason: tooLarge(size, limit: limit), kind: .tooLarge) }
        var bytes = [UInt8](repeating: 0, count: min(limit, size) + 1)
        var filled = 0
        while filled < bytes.count {
            let got = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if got < 0, errno == EINTR { continue }
            if got < 0 { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
            if got == 0 { break }
            filled += got
            if filled == bytes.count, filled <= limit { bytes += [UInt8](repeating: 0, count: min(65_536, limit + 1 - filled)) }
        }
        guard filled <= limit else { throw FileReadError(path: path, reason: tooLarge(filled, limit: limit), kind: .tooLarge) }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// "it is a directory", "it is a named pipe (FIFO), not a regular file", ...
    public static func describeNonRegular(mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "it is a directory"
        case S_IFIFO: "it is a named pipe (FIFO), not a regular file"
        case S_IFCHR, S_IFBLK: "it is a device, not a regular file"
        case S_IFSOCK: "it is a socket, not a regular file"
        default: "it is not a regular file"
        }
    }

    /// "it is 300 MB; at most 1 MB is read".
    public static func tooLarge(_ size: Int, limit: Int) -> String {
        "it is \(byteSize(size)); at most \(byteSize(limit)) is read"
    }

    /// A byte count for messages, in binary units: "512 bytes", "12 KB", "1 MB", "4.7 GB".
    public static func byteSize(_ bytes: Int) -> String {
        let units: [(Double, String)] = [(1_073_741_824, "GB"), (1_048_576, "MB"), (1024, "KB")]
        for (unit, name) in units where Double(bytes) >= unit * (unit == 1024 ? 10 : 1) {
            let amount = Double(bytes) / unit
            let text = amount >= 10 || amount == amount.rounded() ? String(Int(amount.rounded())) : String(format1(amount))
            return text + " " + name
        }
        return "\(bytes) bytes"
    }

    /// `amount` (1 to 10) with one decimal, cut rather than rounded: 4.66 -> "4.6".
    private static func format1(_ amount: Double) -> String {
        let tenths = Int(amount * 10)
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// A file that could not be read, and why: `cannot read model.safetensors: it is a named
/// pipe (FIFO), not a regular file`.
public struct FileReadError: Error, Equatable, CustomStringConvertible {
    /// What kind of problem, for callers that word it their own way.
    public enum Kind: Sendable, Equatable { case missing, directory, notRegular, tooLarge, other }

    public let path: String
    public let reason: String
    public let kind: Kind

    public init(path: String, reason: String, kind: Kind = .other) {
        self.path = path
        self.reason = reason
        self.kind = kind
    }

    public var description: String { "cannot read \(path): \(reason)" }
}

#if canImport(Glibc)
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { Glibc.open(path, flags) }
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { Darwin.open(path, flags) }
private let systemRead = Darwin.read
#endif
