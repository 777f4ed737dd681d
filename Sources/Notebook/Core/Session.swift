/// Something the learner advances with Enter (an empty line) on a terminal:
/// the `conv demo` windows, a lesson's cells.
public protocol Stepper: AnyObject {
    /// Runs the next step; throws `CommandError` if it fails.
    func step(in session: Session) throws
    /// True once there is nothing left to step through.
    var isFinished: Bool { get }
}

/// Everything one REPL run knows: where output goes, where input comes from, and the
/// state each command family keeps between commands.
public final class Session {
    public let console: Console
    /// Where a command that asks something (a lesson's check, a confirmation) reads the answer;
    /// nil when nothing can be asked.
    public var input: LineReader?
    /// The environment the program was started with (tests pass their own).
    public let environment: [String: String]
    /// Where convbook keeps and finds its files.
    public let paths: Paths
    /// What Enter advances, if anything.
    public var stepper: Stepper?
    /// Set by `quit`; the read loop ends after the current command.
    public var shouldQuit = false

    /// The convolution demo's image, kernel and position.
    public var demo = ConvDemoState()
    /// The data, the model and its training history.
    public var workspace = Workspace()
    /// The open lesson and the learner's progress.
    public var notebook = NotebookState()

    public init(console: Console, input: LineReader? = nil, environment: [String: String], paths: Paths? = nil) {
        self.console = console
        self.input = input
        self.environment = environment
        self.paths = paths ?? Paths(environment: environment)
    }

    /// Whether output goes to an interactive terminal.
    public var isInteractive: Bool { console.capabilities.isInteractive }

    /// True when `CONVBOOK_QUICK=1`: training is cut to a few hundred steps (tests, CI).
    public var isQuick: Bool { environment["CONVBOOK_QUICK"] == "1" }
}
