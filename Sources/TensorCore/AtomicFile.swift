#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file replaced all at once: written to a temporary file beside it, flushed to disk,
/// then renamed over the target, so a crash, a kill or a full disk at any moment leaves
/// either the old file or the new one, never a mix.
///
/// Used for model checkpoints (safetensors), lesson progress and downloads. The one piece
/// of file I/O in TensorCore: it sits here because every library above can import it.
///
///     try AtomicFile.write(bytes, to: "model.safetensors")
///
/// or, to stream: `let file = try AtomicFile(path:)`, `file.write(...)` as often as
/// needed, then `file.commit()`; a file released without `commit()` is removed.
public final class AtomicFile {
    /// The file that `commit()` replaces.
    public let path: String
    /// Where the bytes go until `commit()`: a hidden file in the same directory (a rename
    /// is atomic only within one file system).
    public let temporaryPath: String
    /// The file actually replaced: `path`, or the file its symlinks lead to.
    public let target: String
    /// The directory holding both, flushed after the rename.
    private let directory: String
    private var descriptor: Int32
    private var isFinished = false

    /// Creates the temporary file next to the file `path` names. Throws `AtomicFileError` if
    /// the directory is missing or not writable, or if something other than a regular file
    /// (a directory, a FIFO, a device) is at `path`: it is never replaced.
    ///
    /// A symlink at `path` is followed: its target is what gets replaced, and the link stays.
    /// An existing file keeps its permission bits (and, for root, its owner).
    public init(path: String) throws {
        self.path = path
        let target = try AtomicFileTarget(path: path)
        self.target = target.path
        directory = target.directory
        Self.removeStaleTemporaryFiles(of: target.temporaryStem, in: directory)
        temporaryPath = target.directoryPrefix + target.temporaryStem + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicFileError(path: path, errno: errno) }
        if let existing = target.existing {
            _ = fchmod(descriptor, existing.st_mode & 0o7777)
            if geteuid() == 0 { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
        }
    }

    deinit { discard() }

    /// Appends `bytes` to the temporary file.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!isFinished, "AtomicFile: write after commit or discard")
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = systemWrite(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                discard()
                throw AtomicFileError(path: path, errno: code)
            }
            next += written
            remaining -= written
        }
    }

    /// Appends `bytes` to the temporary file.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Flushes the temporary file to disk, renames it over `path` and flushes the directory.
    /// On failure the temporary file is removed and the old file, if any, is left intact.
    public func commit() throws {
        precondition(!isFinished, "AtomicFile: commit after commit or discard")
        if fsync(descriptor) != 0 {
            let code = errno
            discard()
            throw AtomicFileError(path: path, errno: code)
        }
        let closed = close(descriptor)
        descriptor = -1
        if closed != 0 {
            let code = errno
            discard()
            throw AtomicFileError(path: path, errno: code)
        }
        if rename(temporaryPath, target) != 0 {
            let code = errno
            discard()
            throw AtomicFileError(path: path, errno: code)
        }
        isFinished = true
        // Make the rename itself durable. Some file systems refuse fsync on a directory;
        // the file is in place either way.
        let directoryDescriptor = open(directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Abandons the write: closes and removes the temporary file. Safe to call twice.
    public func discard() {
        guard !isFinished else { return }
        isFinished = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }

    /// Removes `.NAME.tmp-PID-*` files left by writers that were killed mid-write (their
    /// process no longer exists). Files of running processes are left alone.
    private static func removeStaleTemporaryFiles(of prefix: String, in directory: String) {
        guard let listing = opendir(directory) else { return }
        defer { closedir(listing) }
        while let entry = readdir(listing) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard entryName.hasPrefix(prefix),
                  let pid = Int32(entryName.dropFirst(prefix.count).prefix { $0 != "-" }),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(directory + "/" + entryName)
        }
    }

    /// Writes `bytes` to `path` atomically (see the type's discussion).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try AtomicFile(path: path)
        try file.write(bytes)
        try file.commit()
    }
}

/// A failed atomic write: the file named and the system's reason, e.g.
/// `cannot write model.safetensors: No space left on device`.
public struct AtomicFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The error for `path` with the system error `code` (an errno value).
    init(path: String, errno code: Int32) {
        self.path = path
        reason = String(cString: strerror(code))
    }

    public var description: String { "cannot write \(path): \(reason)" }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
