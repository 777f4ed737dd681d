#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// What the output device can show: decided once at start-up, overridable in tests.
public struct TerminalCapabilities: Sendable, Equatable {
    /// How many colours escape sequences may use.
    public enum ColorDepth: Sendable, Equatable { case none, ansi256, trueColor }

    /// Output goes to an interactive terminal: prompts, animation and stepping are on.
    public var isInteractive: Bool
    public var color: ColorDepth
    /// Box drawing, half-blocks, braille and arrows may be used.
    public var unicode: Bool
    /// Columns available; output is laid out for at most this width.
    public var width: Int

    public init(isInteractive: Bool, color: ColorDepth, unicode: Bool, width: Int) {
        self.isInteractive = isInteractive
        self.color = color
        self.unicode = unicode
        self.width = width
    }

    /// Plain, stable output: no colour, ASCII only, 80 columns. Used off a terminal and in tests.
    public static let plain = TerminalCapabilities(isInteractive: false, color: .none, unicode: false, width: 80)

    /// Detects the capabilities of standard output from the environment
    /// (`NO_COLOR`, `TERM`, `COLORTERM`, `LANG`/`LC_*`, `COLUMNS`): plain unless both standard
    /// input and output are terminals.
    public static func detect(environment: [String: String]) -> TerminalCapabilities {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else { return .plain }
        return terminal(environment: environment, width: currentWidth())
    }

    /// The capabilities of a terminal `width` columns wide (nil: unknown) described by
    /// `environment`. Colour unless `NO_COLOR` is set (https://no-color.org) or `TERM` is
    /// dumb or unset; 24-bit when `COLORTERM` says so. Unicode when the first set of
    /// `LC_ALL`, `LC_CTYPE`, `LANG` names UTF-8.
    public static func terminal(environment: [String: String], width: Int?) -> TerminalCapabilities {
        let term = environment["TERM"] ?? ""
        var color: ColorDepth = .none
        if environment["NO_COLOR"].map({ !$0.isEmpty }) != true, term != "dumb", !term.isEmpty {
            let colorTerm = environment["COLORTERM"] ?? ""
            color = (colorTerm == "truecolor" || colorTerm == "24bit") ? .trueColor : .ansi256
        }
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let unicode = locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
        var columns = 80
        if let width, width > 0 {
            columns = width
        } else if let fromEnvironment = environment["COLUMNS"].flatMap(Int.init), fromEnvironment > 0 {
            columns = min(fromEnvironment, 1_000)
        }
        return TerminalCapabilities(isInteractive: true, color: color, unicode: unicode && term != "dumb", width: columns)
    }
}

extension TerminalCapabilities {
    /// The terminal's width in columns now (it changes when the window is resized), or nil
    /// when standard output is not a terminal.
    public static func currentWidth() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The terminal's height in lines now, or nil when standard output is not a terminal.
    public static func currentHeight() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }
}

/// Where every command writes. Tests capture it; the executable sends it to stdout.
public final class Console {
    public var capabilities: TerminalCapabilities
    private let sink: (String) -> Void

    /// A console writing through `sink`, with the given capabilities.
    public init(capabilities: TerminalCapabilities, sink: @escaping (String) -> Void) {
        self.capabilities = capabilities
        self.sink = sink
    }

    /// A console on standard output, unbuffered so progress shows at once.
    ///
    /// A write that fails (the reader of a pipe left: EPIPE; a full disk or /dev/full:
    /// ENOSPC) ends the program at once through `StandardOutputFailure.stop`: nothing
    /// written after it could be seen, so no further work is done.
    public static func standardOutput(capabilities: TerminalCapabilities) -> Console {
        Console(capabilities: capabilities) { text in
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { systemWrite(STDOUT_FILENO, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK {  // a terminal left non-blocking by another program
                        var waiting = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
                        _ = poll(&waiting, 1, 1000)
                        continue
                    }
                    StandardOutputFailure.stop(errno: errno)
                }
                bytes = bytes.dropFirst(written)
            }
        }
    }

    /// Writes `text`. Whole lines (text ending in a newline, without `\r` or cursor movement)
    /// are fitted to the width as `line` does; anything else (a progress bar redrawn in
    /// place, an animation frame) goes out as it is.
    public func write(_ text: String) {
        guard text.hasSuffix("\n"), !TextLayout.movesCursor(text) else { return sink(text) }
        let lines = text.dropLast().components(separatedBy: "\n")
        guard lines.contains(where: { $0.count > capabilities.width }) else { return sink(text) }
        sink(lines.flatMap { TextLayout.fit($0, width: capabilities.width) }.map { $0 + "\n" }.joined())
    }

    /// Writes `text` followed by a newline, fitted to the console's width: a line longer than
    /// the width breaks at spaces, never inside a word, unless it is laid out by its writer
    /// (a table, a picture; see `TextLayout.isLaidOut`).
    public func line(_ text: String = "") { message(text) }

    /// Writes `text` followed by a newline exactly as it is, however wide.
    public func verbatim(_ text: String) { sink(text + "\n") }

    /// Writes `text` as a message fitted to the console's width (at most `maximumWidth`):
    /// each line is wrapped at spaces, never inside a word (see `TextLayout.wrap`), with
    /// continuation lines indented by `hangingIndent` spaces. Lines that start with a space
    /// or are otherwise laid out (tables, pictures: `TextLayout.isLaidOut`) stay as they are.
    ///
    /// Every command's prose-like output goes through here (or `TextLayout.fit`), so a narrow
    /// terminal breaks lines between words, not inside them.
    public func message(_ text: String, hangingIndent: Int = 0, maximumWidth: Int = .max) {
        let width = min(capabilities.width, maximumWidth)
        guard text.count > width || text.contains("\n") else { return sink(text + "\n") }
        sink(TextLayout.fit(text, width: width, hangingIndent: hangingIndent).map { $0 + "\n" }.joined())
    }

    /// Wraps `text` in an SGR colour/style sequence when colour is on, else returns it unchanged.
    /// `code` is the SGR parameter, e.g. "1" bold, "2" dim, "31" red, "32" green, "36" cyan.
    public func styled(_ text: String, _ code: String) -> String {
        capabilities.color == .none ? text : "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}

/// What happens when standard output cannot be written.
public enum StandardOutputFailure {
    /// Ends the process: quietly with status 141 (as a shell reports SIGPIPE) when the reader
    /// of a pipe has gone, as `cmd | head` expects; otherwise with a line on standard error
    /// and status 1.
    public static func stop(errno code: Int32) -> Never {
        if code == EPIPE { _exit(141) }
        let message = "convbook: cannot write to standard output: \(String(cString: strerror(code)))\n"
        _ = message.withCString { systemWriteError(STDERR_FILENO, $0, strlen($0)) }
        _exit(1)
    }
}

#if canImport(Glibc)
private let systemWriteError = Glibc.write
#elseif canImport(Darwin)
private let systemWriteError = Darwin.write
#endif
