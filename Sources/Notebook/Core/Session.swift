import Foundation

/// Something the learner advances with Enter (an empty line) on a terminal:
/// the `conv demo` windows, a lesson's cells.
public protocol Stepper: AnyObject {
    /// Runs the next step; throws `CommandError` if it fails.
    func step(in session: Session) throws
    /// True once there is nothing left to step through.
    var isFinished: Bool { get }
}

extension Stepper {
    /// Starts stepping: on a terminal, the first step, after `hint` saying how Enter goes on
    /// (the stepper becomes what Enter advances); off one, every step at once.
    func begin(in session: Session, hint: String) throws {
        guard session.isInteractive else {
            while !isFinished { try step(in: session) }
            return
        }
        session.stepper = self
        session.console.line()
        session.console.line(session.console.styled(hint, "2"))
        try step(in: session)
    }
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

    /// The free REPL's scope: what commands act on while no lesson is open.
    public let freeScope = Scope()
    /// What commands act on now: the open lesson's scope, else `freeScope`.
    public var scope: Scope
    /// The convolution demo's image, kernel and position (in the current scope).
    public var demo: ConvDemoState {
        get { scope.demo }
        set { scope.demo = newValue }
    }
    /// The data, the model and its training history (in the current scope).
    public var workspace: Workspace {
        get { scope.workspace }
        set { scope.workspace = newValue }
    }
    /// The open lesson and the learner's progress.
    public var notebook = NotebookState()

    public init(console: Console, input: LineReader? = nil, environment: [String: String], paths: Paths? = nil) {
        self.console = console
        self.input = input
        self.environment = environment
        self.paths = paths ?? Paths(environment: environment)
        scope = freeScope
    }

    /// Whether output goes to an interactive terminal.
    public var isInteractive: Bool { console.capabilities.isInteractive }

    /// Set while a lesson cell runs: the lesson whose directory its files go to.
    public var cellLesson: Int?

    /// Where a command writes the file the learner named `path`: `~` expanded; a relative
    /// path written by a lesson cell goes into that lesson's own directory (created here), so a
    /// lesson never writes silently into the current directory. The command names the result.
    public func outputPath(_ path: String) throws -> String {
        let expanded = (path as NSString).expandingTildeInPath
        guard let lesson = cellLesson, !expanded.hasPrefix("/") else { return expanded }
        let directory = paths.lessonFiles(lesson)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CommandError("cannot create \(directory) for the lesson's files: \(error.localizedDescription)")
        }
        return directory + "/" + expanded
    }

    /// True when `CONVBOOK_QUICK=1`: training is cut to a few hundred steps (tests, CI).
    public var isQuick: Bool { environment["CONVBOOK_QUICK"] == "1" }
}
