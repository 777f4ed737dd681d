/// One command family of the REPL (`dims`, `conv`, `train`, ...): its forms, help and action.
///
/// Conformers are caseless enums, one per file under `Commands/`, listed in
/// `CommandRegistry.groups`. A command declares its forms once (`forms`); parsing, the usage
/// line, `help`, Tab completion and "did you mean" all come from that declaration, so a new
/// command is one file plus one registry entry. Failures are thrown as `CommandError`; the
/// interpreter prints them.
public protocol Command: Sendable {
    /// The word that invokes the command, e.g. "dims".
    static var name: String { get }
    /// Other words that invoke it, e.g. "exit" for "quit".
    static var aliases: [String] { get }
    /// Every way of invoking it (see `CommandForm`).
    static var forms: [CommandForm] { get }
    /// One line for `help`.
    static var summary: String { get }
    /// What `help NAME` adds: the details, as prose.
    static var discussion: String { get }
    /// Command lines `help NAME` shows as examples; the tests parse and run every one.
    static var examples: [String] { get }
    /// What errors call the word that selects a form ("layer" for `add conv`).
    static var subcommandNoun: String { get }
    /// What of a lesson's scope the command may change, so the notebook saves it afterwards.
    static var changes: ScopeChange { get }

    /// Runs the command with its words parsed against `forms`.
    static func run(_ invocation: Invocation, in session: Session) throws
}

extension Command {
    public static var aliases: [String] { [] }
    public static var examples: [String] { [] }
    public static var subcommandNoun: String { "sub-command" }
    public static var changes: ScopeChange { .nothing }

    /// Parses the words after the command's name (see `FormParser`).
    public static func parse(_ words: [String]) throws -> Invocation {
        try FormParser.parse(words, forms: forms, noun: subcommandNoun)
    }
}

/// What a command may change in the scope it runs in (see `Command.changes`).
public enum ScopeChange: Sendable {
    /// Nothing saved (it reads, explains or moves through lessons).
    case nothing
    /// The demo or the data: the scope's small file is saved.
    case demoOrData
    /// The model, its optimizer or its history: saved with the weights.
    case model
}
