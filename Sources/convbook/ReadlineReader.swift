import CReadline
import Foundation
import Notebook
import TensorCore

/// Lines from GNU readline on a terminal: editing, history kept across runs, Tab completion
/// (`Completer`), and Ctrl-C that clears the line instead of leaving.
///
/// At the main prompt (`mainPrompt`) lines go to the history and Ctrl-C gives a fresh prompt.
/// At any other prompt (a command asking something: a lesson's check, a confirmation) the
/// answer is kept out of the history and Ctrl-C cancels the question: `readLine` returns nil.
///
/// Readline's alternate (callback) interface is driven by a `poll` loop on standard input and
/// the wake-up pipe of `SignalHandling`, so a Ctrl-C at the prompt is handled at once and no
/// readline code runs inside a signal handler.
final class ReadlineReader: LineReader {
    /// History lines kept in memory and in the file.
    static let historyLimit = 1_000

    private let historyFile: String?
    private let mainPrompt: String
    private let promptStyle: (prefix: String, suffix: String)
    private var lastHistoryLine: String?

    /// `historyFile` is created (with its directory) when missing; nil keeps no history on disk.
    /// With `color`, the prompt is bold cyan.
    init(historyFile: String?, mainPrompt: String, color: Bool) {
        self.mainPrompt = mainPrompt
        // Readline's ignore markers (\u{01} \u{02}) keep the escapes out of its width count.
        promptStyle = color ? ("\u{01}\u{1B}[1;36m\u{02}", "\u{01}\u{1B}[0m\u{02}") : ("", "")
        // Readline keeps these pointers for the life of the process.
        convbook_readline_configure(strdup("convbook"), strdup(" \t\n="), ReadlineCallbacks.complete)
        stifle_history(Int32(Self.historyLimit))
        self.historyFile = historyFile.flatMap(Self.prepareHistoryFile)
        if let file = self.historyFile {
            read_history(file)
            lastHistoryLine = convbook_last_history_line().map { String(cString: $0) }
        }
    }

    func readLine(prompt: String) -> String? {
        let isMain = prompt == mainPrompt
        let decorated = isMain ? promptStyle.prefix + prompt.trimmingTrailingSpace + promptStyle.suffix + " " : prompt
        let line = ReadlineCallbacks.readLine(prompt: decorated, cancelOnInterrupt: !isMain)
        if isMain, let line { remember(line) }
        return line
    }

    /// Adds `line` to the history (not blanks, not a repeat of the last one) and appends it to
    /// the file, which is cut back to `historyLimit` lines.
    private func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), line != lastHistoryLine else { return }
        add_history(line)
        lastHistoryLine = line
        guard let historyFile else { return }
        if append_history(1, historyFile) == 0 {
            history_truncate_file(historyFile, Int32(Self.historyLimit))
        }
    }

    /// Creates the history file's directory and the file itself; nil if that is impossible.
    private static func prepareHistoryFile(_ path: String) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return nil
        }
        // O_NONBLOCK: a FIFO at the path must not hang the start; fstat then says what it is.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == ENXIO { warn(path, "it is a named pipe (FIFO), not a regular file") }  // a FIFO with no reader
            return nil
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            warn(path, RegularFile.describeNonRegular(mode: status.st_mode))
            return nil
        }
        guard Int(status.st_size) <= Self.maximumHistoryBytes else {
            warn(path, RegularFile.tooLarge(Int(status.st_size), limit: Self.maximumHistoryBytes))
            return nil
        }
        return path
    }

    /// The largest history file read: far above `historyLimit` lines of commands.
    static let maximumHistoryBytes = 16 << 20

    /// Says on standard error why the history is not kept this time.
    private static func warn(_ path: String, _ reason: String) {
        FileHandle.standardError.write(Data("convbook: no command history this time: \(path): \(reason)\n".utf8))
    }
}

/// The C callbacks readline calls, and the state they share (readline itself is global).
private enum ReadlineCallbacks {
    nonisolated(unsafe) static var finishedLine: String?
    nonisolated(unsafe) static var isFinished = false
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var nextMatch = 0

    /// Runs readline until a line is complete (nil at Ctrl-D or end of input, and at Ctrl-C
    /// when `cancelOnInterrupt`).
    static func readLine(prompt: String, cancelOnInterrupt: Bool) -> String? {
        finishedLine = nil
        isFinished = false
        SignalHandling.answered()
        Interruption.clear()
        rl_callback_handler_install(prompt, lineHandler)
        while !isFinished {
            var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: SignalHandling.wakeReadDescriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if Interruption.isRequested || descriptors[1].revents & Int16(POLLIN) != 0 {
                clearLineAfterInterrupt()
                if cancelOnInterrupt {
                    rl_callback_handler_remove()
                    return nil
                }
                rl_on_new_line()
                rl_redisplay()
                continue
            }
            if ready < 0 {
                if errno == EINTR { continue }
                rl_callback_handler_remove()
                return nil
            }
            if descriptors[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                rl_callback_read_char()
            }
        }
        return finishedLine
    }

    /// Ctrl-C at the prompt: abandon the line being typed and show "^C".
    private static func clearLineAfterInterrupt() {
        SignalHandling.answered()
        Interruption.clear()
        rl_free_line_state()
        #if canImport(Glibc)
        rl_callback_sigcleanup()  // GNU readline only; libedit keeps no such state
        #endif
        rl_replace_line("", 0)
        convbook_set_point(0)
        using_history()
        _ = write(STDOUT_FILENO, "^C", 2)
        rl_crlf()
    }

    /// Called by readline with the finished line (nil at end of input), which it allocated.
    static let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { pointer in
        rl_callback_handler_remove()
        isFinished = true
        guard let pointer else { return }
        finishedLine = String(cString: pointer)
        free(pointer)
    }

    /// Tab: the `Completer`'s words for the text before the cursor, or readline's file names.
    static let complete: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, end in
        convbook_set_completion_over(1)
        guard let text, let buffer = convbook_line_buffer(), end >= 0 else { return nil }
        let before = String(decoding: UnsafeRawBufferPointer(start: buffer, count: Int(end)), as: UTF8.self)
        let completion = Completer.complete(before)
        guard !completion.candidates.isEmpty else {
            convbook_set_completion_over(completion.filenames ? 0 : 1)
            return nil
        }
        // Readline replaces only `text` (the part after the last '='); candidates are whole words.
        let typed = String(cString: text)
        let word = before.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let dropped = max(word.utf8.count - typed.utf8.count, 0)
        matches = completion.candidates.map { String(decoding: $0.utf8.dropFirst(dropped), as: UTF8.self) }
        nextMatch = 0
        if matches.count == 1, matches[0].hasSuffix("=") { convbook_suppress_append() }
        return rl_completion_matches(text, generator)
    }

    /// Hands readline the prepared matches one by one (it frees them).
    static let generator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
        if state == 0 { nextMatch = 0 }
        guard nextMatch < matches.count else { return nil }
        defer { nextMatch += 1 }
        return strdup(matches[nextMatch])
    }
}

private extension String {
    var trimmingTrailingSpace: String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
