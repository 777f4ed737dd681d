/// One command family of the REPL (`dims`, `conv`, `train`, ...): its help and its action.
///
/// Conformers are caseless enums, one per file under `Commands/`, listed in
/// `CommandRegistry.all`. Failures are thrown as `CommandError`; the interpreter prints them.
public protocol Command: Sendable {
    /// The word that invokes the command, e.g. "dims".
    static var name: String { get }
    /// Other words that invoke it, e.g. "exit" for "quit".
    static var aliases: [String] { get }
    /// The usage line, e.g. "dims IN K [S] [P] [dilation=D] | dims chain IN K/S ...".
    static var usage: String { get }
    /// One line for `help`.
    static var summary: String { get }
    /// What `help NAME` adds: the details and at least one example.
    static var discussion: String { get }
    /// Words Tab completes after the name (see `Completer`): sub-commands ("demo"), offered
    /// right after the name; keywords ("stride=", "padding=same"), offered anywhere; and
    /// "SUB WORD" entries ("kernel sobel-x"), offering WORD anywhere after sub-command SUB.
    /// File names are offered where the usage line says FILE.
    static var completions: [String] { get }

    /// Runs the command with the words after its name.
    static func run(_ arguments: Arguments, in session: Session) throws
}

extension Command {
    public static var aliases: [String] { [] }
    public static var completions: [String] { [] }
}
