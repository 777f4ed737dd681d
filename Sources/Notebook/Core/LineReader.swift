/// A source of input lines: readline in the executable, a script or a list in tests.
public protocol LineReader: AnyObject {
    /// The next line without its newline, or nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String?
}

/// Lines from a fixed list, for scripted tests and `-c` commands.
public final class ScriptedLineReader: LineReader {
    private var lines: [String]

    public init(_ lines: [String]) { self.lines = lines }

    public func readLine(prompt: String) -> String? {
        lines.isEmpty ? nil : lines.removeFirst()
    }
}
