import Foundation
import TensorCore

/// The lessons found on disk, in number order.
///
/// The directory is, in order: `CONVBOOK_LESSONS` (named explicitly, so a broken one is an
/// error), `./lessons` relative to the current directory, then the source tree's `lessons/`
/// (known at build time, so a built convbook finds its lessons from any directory).
public struct LessonCatalog: Sendable {
    /// Lesson files larger than this are refused rather than read.
    static let maximumFileSize = 1 << 20

    public let directory: String
    public let lessons: [Lesson]

    /// The lesson numbered `number`, if there is one.
    public func lesson(_ number: Int) -> Lesson? { lessons.first { $0.number == number } }

    /// Finds the lessons directory for `environment` and reads every lesson in it.
    public static func load(environment: [String: String],
                            currentDirectory: String = FileManager.default.currentDirectoryPath) throws -> LessonCatalog {
        try load(directory: locate(environment: environment, currentDirectory: currentDirectory))
    }

    /// The lesson numbers on disk, from the file names alone (for Tab completion: cheap,
    /// never fails; empty when no lessons directory is found).
    public static func numbersOnDisk(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        guard let directory = try? locate(environment: environment, currentDirectory: FileManager.default.currentDirectoryPath),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        let numbers = names.filter(isLessonFileName).compactMap { try? LessonParser.lessonNumber(fileName: $0) }
        return Set(numbers).sorted().map(String.init)
    }

    /// Where the lessons are (see the type's discussion).
    static func locate(environment: [String: String], currentDirectory: String) throws -> String {
        if let explicit = environment["CONVBOOK_LESSONS"], !explicit.isEmpty {
            guard isDirectory(explicit) else {
                throw CommandError("CONVBOOK_LESSONS is '\(explicit)', which is not a directory")
            }
            return explicit
        }
        let candidates = [currentDirectory + "/lessons", sourceTreeLessons]
        guard let found = candidates.first(where: { isDirectory($0) && containsLessons($0) }) else {
            throw CommandError("cannot find the lessons/ directory; run convbook from its source tree or set CONVBOOK_LESSONS")
        }
        return found
    }

    /// `lessons/` at the top of the source tree this file was compiled from.
    static var sourceTreeLessons: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Lessons, Notebook, Sources, the package
        return url.appendingPathComponent("lessons").path
    }

    /// Reads every `NN-*.md` in `directory`. Any malformed lesson, or two with one number,
    /// is an error naming the file and line.
    public static func load(directory: String) throws -> LessonCatalog {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw CommandError("cannot read the lessons directory '\(directory)'")
        }
        var lessons: [Lesson] = []
        for name in names.sorted() where isLessonFileName(name) {
            let lesson = try read(directory + "/" + name, fileName: name)
            if let other = lessons.first(where: { $0.number == lesson.number }) {
                throw CommandError("\(name) and \(other.fileName) are both lesson \(lesson.number)")
            }
            lessons.append(lesson)
        }
        guard !lessons.isEmpty else { throw CommandError("no lessons (NN-title.md files) in '\(directory)'") }
        return LessonCatalog(directory: directory, lessons: lessons.sorted { $0.number < $1.number })
    }

    private static func read(_ path: String, fileName: String) throws -> Lesson {
        // The limit is checked on what was opened (a symlink's target), never blocking on a FIFO.
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.read(path, limit: maximumFileSize)
        } catch let error as FileReadError {
            if error.kind == .tooLarge {
                throw CommandError("\(fileName) is larger than \(maximumFileSize / 1024) KB; is it a lesson?")
            }
            throw CommandError("cannot read \(fileName): \(error.reason)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandError("\(fileName) is not UTF-8 text")
        }
        do {
            return try LessonParser.parse(text, fileName: fileName)
        } catch let error as LessonFormatError {
            throw CommandError(error.description)
        }
    }

    /// A Markdown file whose name starts with a digit (README.md and the like are skipped).
    static func isLessonFileName(_ name: String) -> Bool {
        name.hasSuffix(".md") && name.first.map { $0.isASCII && $0.isNumber } == true
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    private static func containsLessons(_ path: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).contains(where: isLessonFileName)
    }
}
