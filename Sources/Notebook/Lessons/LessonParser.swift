import Foundation

/// A lesson file that does not follow the format; says which file, which line and what is wrong.
public struct LessonFormatError: Error, Equatable, CustomStringConvertible {
    public let fileName: String
    /// 1-based; 0 when the problem is the file as a whole.
    public let line: Int
    public let message: String

    public var description: String {
        line > 0 ? "\(fileName):\(line): \(message)" : "\(fileName): \(message)"
    }
}

/// Reads a lesson's Markdown into prose and cells, strictly: anything malformed is a
/// `LessonFormatError`, never a crash or a silently skipped cell.
///
/// Format: the file is named `NN-kebab-title.md`; its first non-blank line is `# Title`;
/// fenced blocks (``` or ~~~, CommonMark-style, indented at most 3 spaces) tagged `convbook`
/// hold exactly one command, those tagged `check` hold `key: value` lines (see `Check`);
/// every other fenced block (Keras code, say) is prose. At least one cell is required.
public enum LessonParser {
    /// The keys a check block may hold.
    static let checkKeys = ["question", "answer", "hint", "why", "show"]

    /// Parses `text`, the contents of the file named `fileName`.
    public static func parse(_ text: String, fileName: String) throws -> Lesson {
        func failure(_ line: Int, _ message: String) -> LessonFormatError {
            LessonFormatError(fileName: fileName, line: line, message: message)
        }
        let number = try lessonNumber(fileName: fileName)
        if text.contains("\u{0}") { throw failure(0, "contains a NUL character; is it a text file?") }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")

        guard let titleIndex = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw failure(0, "is empty; a lesson starts with a '# Title' line")
        }
        let titleLine = lines[titleIndex].trimmingCharacters(in: .whitespaces)
        guard titleLine.hasPrefix("# "), !titleLine.dropFirst(2).trimmingCharacters(in: .whitespaces).isEmpty else {
            throw failure(titleIndex + 1, "the first line must be the title, '# Title'")
        }
        let title = titleLine.dropFirst(2).trimmingCharacters(in: .whitespaces)

        var cells: [Cell] = []
        var prose: [String] = []
        var startsFrom: Int?
        var index = titleIndex + 1
        while index < lines.count {
            guard let fence = Fence(lines[index]) else {
                if let earlier = startsFromDirective(lines[index]) {
                    guard earlier < number else { throw failure(index + 1, "a lesson can only start from an earlier one") }
                    startsFrom = earlier
                } else {
                    prose.append(lines[index])
                }
                index += 1
                continue
            }
            let opening = index + 1
            guard let closing = lines[(index + 1)...].firstIndex(where: { fence.isClosed(by: $0) }) else {
                throw failure(opening, "code block opened here is never closed (no matching \(fence.marker))")
            }
            let body = Array(lines[(index + 1)..<closing])
            switch fence.tag {
            case "convbook":
                let command = try parseCommand(body, line: opening, failure: failure)
                cells.append(Cell(prose: trimmedProse(prose), kind: .command(command), line: opening,
                                  isSetup: fence.options.contains("setup")))
                prose = []
            case "check":
                let check = try parseCheck(body, line: opening, failure: failure)
                cells.append(Cell(prose: trimmedProse(prose), kind: .check(check), line: opening))
                prose = []
            default:
                prose.append(contentsOf: lines[index...closing])
            }
            index = closing + 1
        }
        guard !cells.isEmpty else {
            throw failure(0, "has no cells; a cell is a fenced block tagged 'convbook' or 'check'")
        }
        if startsFrom == nil, cells.contains(where: \.isSetup) {
            throw failure(0, "has setup cells but no '<!-- convbook: starts from lesson N -->' line")
        }
        return Lesson(number: number, title: title, fileName: fileName, cells: cells, closingProse: trimmedProse(prose),
                      startsFrom: startsFrom)
    }

    /// N of a `<!-- convbook: starts from lesson N -->` line (invisible where Markdown is shown).
    static func startsFromDirective(_ line: String) -> Int? {
        let trimmed = line.trimmingCharacters(in: .whitespaces).lowercased()
        let prefix = "<!-- convbook: starts from lesson ", suffix = " -->"
        guard trimmed.hasPrefix(prefix), trimmed.hasSuffix(suffix), trimmed.count > prefix.count + suffix.count else { return nil }
        return Int(trimmed.dropFirst(prefix.count).dropLast(suffix.count).trimmingCharacters(in: .whitespaces))
    }

    /// The `NN` of `NN-kebab-title.md`.
    static func lessonNumber(fileName: String) throws -> Int {
        let failure = LessonFormatError(fileName: fileName, line: 0,
                                        message: "a lesson file is named NN-kebab-title.md (e.g. 01-convolution.md)")
        guard fileName.hasSuffix(".md") else { throw failure }
        let stem = fileName.dropLast(3)
        let words = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard words.count >= 2, words[0].count >= 2, words[0].count <= 4, words[0].allSatisfy(\.isASCII),
              let number = Int(words[0]), number >= 1,
              words.dropFirst().allSatisfy({ word in
                  !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
              }) else { throw failure }
        return number
    }

    private static func parseCommand(_ body: [String], line: Int,
                                      failure: (Int, String) -> LessonFormatError) throws -> String {
        let commands = body.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard commands.count == 1 else {
            throw failure(line, commands.isEmpty ? "the convbook cell is empty; it must hold one command"
                : "a convbook cell holds one command, this one has \(commands.count) lines; give each its own cell")
        }
        return try validatedCommand(commands[0], line: line, failure: failure)
    }

    /// Checks that `command` names a command a cell may run and that its words split.
    private static func validatedCommand(_ command: String, line: Int,
                                         failure: (Int, String) -> LessonFormatError) throws -> String {
        let words: [String]
        do { words = try Arguments.split(command) } catch {
            throw failure(line, "cannot read the command '\(command)': \(error)")
        }
        guard let name = words.first, let type = CommandRegistry.command(named: name) else {
            throw failure(line, "'\(command)' does not start with a convbook command")
        }
        guard !CommandRegistry.notebookCommandNames.contains(type.name) else {
            throw failure(line, "a cell cannot run the notebook command '\(type.name)'")
        }
        do { _ = try type.parse(Array(words.dropFirst())) } catch {
            throw failure(line, "'\(command)' is not a valid '\(type.name)' command: \(error)")
        }
        return command
    }

    private static func parseCheck(_ body: [String], line: Int,
                                   failure: (Int, String) -> LessonFormatError) throws -> Check {
        var values: [String: String] = [:]
        var lastKey: String?
        for (offset, text) in body.enumerated() {
            let lineNumber = line + 1 + offset
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if text.first == " " || text.first == "\t" {
                guard let key = lastKey else {
                    throw failure(lineNumber, "an indented line continues a value, but no 'key:' came before it")
                }
                values[key, default: ""] += " " + text.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = text.firstIndex(of: ":") else {
                throw failure(lineNumber, "expected 'key: value' with a key among \(checkKeys.joined(separator: ", "))")
            }
            let key = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard checkKeys.contains(key) else {
                throw failure(lineNumber, "unknown key '\(key)' in a check (expected \(checkKeys.joined(separator: ", ")))")
            }
            guard values[key] == nil else { throw failure(lineNumber, "'\(key):' is given twice") }
            values[key] = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            lastKey = key
        }
        func value(_ key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }
        guard let question = value("question") else { throw failure(line, "the check has no 'question:'") }
        guard let answerText = value("answer") else { throw failure(line, "the check has no 'answer:'") }
        guard let answer = Answer.parse(answerText) else {
            throw failure(line, "cannot read the answer '\(answerText)' as a number, size or name")
        }
        guard value("why") != nil || value("show") != nil else {
            throw failure(line, "the check needs 'why:' or 'show:' to explain its answer")
        }
        let show = try value("show").map { try validatedCommand($0, line: line, failure: failure) }
        return Check(question: question, answer: answer, answerText: displayed(answer, written: answerText),
                     hint: value("hint"), why: value("why"), show: show)
    }

    /// How an answer is shown: a whole number with thousands separators (18,496), else as written.
    private static func displayed(_ answer: Answer, written: String) -> String {
        if case .numbers(let values) = answer, values.count == 1, let value = values.first,
           value == value.rounded(), abs(value) < 1e15, !written.contains("%") {
            return NumberFormat.grouped(Int(value))
        }
        return written
    }

    private static func trimmedProse(_ lines: [String]) -> String {
        var lines = lines[...]
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines = lines.dropFirst() }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines = lines.dropLast() }
        return lines.joined(separator: "\n")
    }
}
