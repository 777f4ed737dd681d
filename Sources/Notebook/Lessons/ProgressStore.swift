import Foundation
import TensorCore

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

/// Loads and saves `Progress` as a small JSON file, atomically (`AtomicFile`: a temporary file
/// flushed and renamed over the old one, so a crash mid-write never leaves half a file).
///
/// A file that cannot be read (corrupt, truncated, another format) is reported once through
/// `warn` and progress starts fresh; it is replaced on the next save. Never crashes.
public final class ProgressStore {
    public let path: String
    public var progress: Progress

    /// Reads `directory/progress.json` if it exists.
    public init(directory: String, warn: (String) -> Void) {
        path = directory + "/progress.json"
        progress = Progress()
        guard FileManager.default.fileExists(atPath: path) else { return }
        guard let data = FileManager.default.contents(atPath: path) else {
            warn("cannot read the lesson progress in \(path); starting fresh")
            return
        }
        do {
            let loaded = try JSONDecoder().decode(Progress.self, from: data)
            guard loaded.version == 1, loaded.lessons.allSatisfy({ Int($0.key) != nil && $0.value.position >= 0 }) else {
                throw CommandError("unexpected contents")
            }
            progress = loaded
        } catch {
            warn("the lesson progress in \(path) is damaged; starting fresh (it will be replaced)")
        }
    }

    /// Writes the progress; a failure (read-only disk, say) is an error the caller reports.
    public func save() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            let data = try encoder.encode(progress)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try AtomicFile.write(Array(data), to: path)
        } catch let error as AtomicFileError {
            throw CommandError("cannot save the lesson progress: \(error)")
        } catch {
            throw CommandError("cannot save the lesson progress to \(path): \(error.localizedDescription)")
        }
    }
}
