#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an `AtomicFile` for a given path replaces, worked out before anything is written.
///
/// Symlinks are followed (up to 40, as the kernel does) so the file they lead to is replaced
/// and the links stay. Only a regular file, or nothing, may be at the end: a directory, FIFO,
/// device or socket is refused rather than renamed over. The temporary file's name keeps
/// within the file system's 255-byte limit however long the target's name is.
struct AtomicFileTarget {
    /// The file to replace (symlinks resolved).
    let path: String
    /// `path`'s directory with its trailing slash ("" for the current directory).
    let directoryPrefix: String
    /// The start of temporary files' names: `.NAME.tmp-`, NAME cut to `maximumStemNameBytes`.
    let temporaryStem: String
    /// The file there now, if any.
    let existing: stat?

    /// Bytes of the target's name kept in temporary names: 255 less the dot, `.tmp-`, and
    /// `PID-RANDOM` (at most 21 bytes), with room to spare.
    static let maximumStemNameBytes = 200

    init(path given: String) throws {
        guard !given.isEmpty else { throw AtomicFileError(path: given, reason: "no file name given") }
        guard !given.hasSuffix("/") else {
            throw AtomicFileError(path: given, reason: "that names a directory; add a file name")
        }
        var current = given
        var found: stat?
        var resolved = false
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0 else {
                guard errno == ENOENT else { throw AtomicFileError(path: given, errno: errno) }
                resolved = true
                break
            }
            switch status.st_mode & S_IFMT {
            case S_IFLNK:
                current = try Self.follow(link: current, reportedAs: given)
            case S_IFREG:
                found = status
                resolved = true
            default:
                throw AtomicFileError(path: given, reason: RegularFile.describeNonRegular(mode: status.st_mode)
                                      + "; only a regular file is replaced")
            }
            if resolved { break }
        }
        guard resolved else { throw AtomicFileError(path: given, errno: ELOOP) }
        path = current
        existing = found
        let slash = current.lastIndex(of: "/")
        directoryPrefix = slash.map { String(current[...$0]) } ?? ""
        let name = slash.map { String(current[current.index(after: $0)...]) } ?? current
        temporaryStem = "." + Self.prefix(of: name, maximumBytes: Self.maximumStemNameBytes) + ".tmp-"
    }

    /// The directory to flush after the rename.
    var directory: String { directoryPrefix.isEmpty ? "." : directoryPrefix }

    /// Where the symlink `link` points, as a path usable from here.
    private static func follow(link: String, reportedAs given: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(link, &buffer, buffer.count - 1)
        guard length > 0 else { throw AtomicFileError(path: given, errno: errno) }
        let destination = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if destination.hasPrefix("/") { return destination }
        guard let slash = link.lastIndex(of: "/") else { return destination }
        return String(link[...slash]) + destination
    }

    /// The longest prefix of `name` of at most `maximumBytes` UTF-8 bytes that ends on a
    /// character boundary.
    static func prefix(of name: String, maximumBytes: Int) -> String {
        guard name.utf8.count > maximumBytes else { return name }
        var kept = ""
        var bytes = 0
        for scalar in name.unicodeScalars {
            let size = String(scalar).utf8.count
            if bytes + size > maximumBytes { break }
            kept.unicodeScalars.append(scalar)
            bytes += size
        }
        return kept
    }
}
