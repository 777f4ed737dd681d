import Foundation
import TensorCore
#if canImport(Glibc)
import Glibc
#endif

/// The learner's place in every lesson, as saved in `progress.json`.
public struct Progress: Codable, Equatable, Sendable {
    /// Where the learner is in one lesson.
    public struct Entry: Codable, Equatable, Sendable {
        /// Cells run so far: the next cell is `position + 1` (1-based).
        public var position: Int
        /// Whether the learner has reached the end at least once.
        public var completed: Bool

        public init(position: Int = 0, completed: Bool = false) {
            self.position = position
            self.completed = completed
        }
    }

    public var version = 1
    /// Keyed by lesson number ("1", "2", ...), as JSON object keys must be strings.
    public var lessons: [String: Entry] = [:]
    /// The lesson opened last, if any.
    public var current: Int?

    public init() {}

    public func entry(_ number: Int) -> Entry { lessons[String(number)] ?? Entry() }
    public mutating func setEntry(_ entry: Entry, for number: Int) { lessons[String(number)] = entry }
}

extension Progress {
    /// Checks positions against the lessons on disk: a position past a lesson's end (the
    /// lesson lost cells since) is its end, and reaching the end is having completed it; a
    /// `current` lesson that is not in `catalog` is forgotten.
    public mutating func validate(against catalog: LessonCatalog) {
        for lesson in catalog.lessons {
            guard var entry = lessons[String(lesson.number)] else { continue }
            entry.position = min(max(0, entry.position), lesson.cells.count)
            if entry.position == lesson.cells.count { entry.completed = true }
            lessons[String(lesson.number)] = entry
        }
        if let current, catalog.lesson(current) == nil { self.current = nil }
    }

    /// This session's changes (`mine` against `base`, what it last read or wrote) applied
    /// over `theirs` (the file as another session left it): a lesson this session moved or
    /// reset takes this session's entry, every other lesson keeps the file's; a lesson done
    /// in either stays done unless this session reset it; `current` is this session's if it
    /// changed anything.
    static func merge(mine: Progress, base: Progress, theirs: Progress) -> Progress {
        var result = theirs
        for (key, entry) in mine.lessons where base.lessons[key] != entry {
            var merged = entry
            if base.lessons[key].map({ !$0.completed || entry.completed }) ?? true {
                merged.completed = entry.completed || (theirs.lessons[key]?.completed ?? false)
            }
            result.lessons[key] = merged
        }
        for key in base.lessons.keys where mine.lessons[key] == nil { result.lessons[key] = nil }
        // The session that moved last says where the learner is.
        if mine.current != base.current || mine.lessons != base.lessons { result.current = mine.current ?? theirs.current }
        return result
    }
}

/// Loads and saves `Progress` as a small JSON file, atomically (`AtomicFile`: a temporary file
/// flushed and renamed over the old one, so a crash mid-write never leaves half a file).
///
/// Two sessions at once keep both their progress: `save` takes an exclusive lock
/// (flock on the state directory), re-reads the file, merges this session's changes into it
/// (`Progress.merge`) and writes the result, so no session's stale copy overwrites another's.
///
/// A file that cannot be read (corrupt, truncated, another format, larger than
/// `maximumFileBytes`, not a regular file) is reported once through `warn` and progress
/// starts fresh; it is replaced on the next save. Never crashes, never blocks on a FIFO.
public final class ProgressStore {
    /// The largest progress file read (a real one is a few hundred bytes).
    public static let maximumFileBytes = 1 << 20

    public let path: String
    public var progress: Progress
    /// The progress as last read from or written to the file: `progress` less this
    /// session's unsaved changes.
    private var baseline: Progress

    /// Reads `directory/progress.json` if it exists.
    public init(directory: String, warn: (String) -> Void) {
        path = directory + "/progress.json"
        do {
            progress = try Self.read(path) ?? Progress()
        } catch let error as CommandError {
            warn(error.message)
            progress = Progress()
        } catch {
            progress = Progress()
        }
        baseline = progress
    }

    /// The progress in the file at `path`; nil if there is none. Throws a `CommandError`
    /// saying what is wrong with a file that is there but cannot be used.
    static func read(_ path: String) throws -> Progress? {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.read(path, limit: maximumFileBytes)
        } catch let error as FileReadError {
            if error.kind == .missing { return nil }
            throw CommandError("cannot read the lesson progress in \(path) (\(error.reason)); starting fresh")
        }
        do {
            var loaded = try JSONDecoder().decode(Progress.self, from: Data(bytes))
            guard loaded.version == 1, loaded.lessons.allSatisfy({ (Int($0.key) ?? 0) >= 1 && $0.value.position >= 0 }) else {
                throw CommandError("unexpected contents")
            }
            if let current = loaded.current, current < 1 { loaded.current = nil }
            return loaded
        } catch {
            throw CommandError("the lesson progress in \(path) is damaged; starting fresh (it will be replaced)")
        }
    }

    /// Merges this session's changes into the file under a lock and writes it (see the
    /// type's discussion); `progress` becomes the merged progress. A failure (read-only disk,
    /// say) is an error the caller reports.
    public func save() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            // The lock is on the directory itself: no lock file is left behind.
            let lock = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if lock >= 0 { while flock(lock, LOCK_EX) != 0 && errno == EINTR {} }
            defer { if lock >= 0 { flock(lock, LOCK_UN); close(lock) } }
            let theirs = (try? Self.read(path)).flatMap { $0 } ?? Progress()
            let merged = Progress.merge(mine: progress, base: baseline, theirs: theirs)
            try AtomicFile.write(Array(try encoder.encode(merged)), to: path)
            progress = merged
            baseline = merged
        } catch let error as AtomicFileError {
            throw CommandError("cannot save the lesson progress: \(error)")
        } catch {
            throw CommandError("cannot save the lesson progress to \(path): \(error.localizedDescription)")
        }
    }
}
