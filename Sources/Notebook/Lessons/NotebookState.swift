/// The open lesson and the learner's saved progress, for one session.
public final class NotebookState {
    /// Runs one cell's command line and says whether it succeeded: the interpreter by
    /// default; tests put a recorder here to step lessons without the real commands.
    public var executeCell: (String, Session) -> Bool = { line, session in
        Interpreter(session: session).execute(line)
    }
    /// The lesson being stepped through on a terminal, if any.
    public internal(set) var runner: LessonRunner?
    private var store: ProgressStore?

    public init() {}

    /// The lessons on disk, read afresh (so an edited lesson shows at once).
    func catalog(in session: Session) throws -> LessonCatalog {
        try LessonCatalog.load(environment: session.environment)
    }

    /// The progress file in the state directory, read once per session.
    func progressStore(in session: Session) -> ProgressStore {
        if let store { return store }
        let loaded = ProgressStore(directory: session.paths.stateDirectory) { message in
            session.console.line(session.console.styled("warning:", "1;33") + " " + message)
        }
        if let catalog = try? catalog(in: session) { loaded.progress.validate(against: catalog) }
        store = loaded
        return loaded
    }

    /// Saves where `runner` is. A progress file that cannot be written is a warning: the
    /// lesson goes on.
    func record(_ runner: LessonRunner, in session: Session) {
        let store = progressStore(in: session)
        var entry = store.progress.entry(runner.lesson.number)
        entry.position = runner.position
        if runner.position == runner.lesson.cells.count { entry.completed = true }
        store.progress.setEntry(entry, for: runner.lesson.number)
        store.progress.current = runner.lesson.number
        save(store, in: session)
    }

    /// Writes `store`, turning a failure into a warning.
    func save(_ store: ProgressStore, in session: Session) {
        do {
            try store.save()
        } catch {
            session.console.line(session.console.styled("warning:", "1;33") + " \(error)")
        }
    }

    /// The open lesson, or an error telling the learner how to open one.
    func openRunner() throws -> LessonRunner {
        guard let runner else { throw CommandError("no lesson is open; 'lessons' lists them, 'lesson N' opens one") }
        return runner
    }
}
