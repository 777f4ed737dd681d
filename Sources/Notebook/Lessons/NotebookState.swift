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
    /// The scopes of the lessons opened in this session, by lesson number.
    private var scopes: [Int: Scope] = [:]
    /// Lessons whose state could not be saved (warned about once each).
    private var unsaved: Set<Int> = []

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

    /// Makes `lesson`'s scope the one commands act on. `resuming`: the scope as it was left
    /// (this session's, else the one saved on disk); otherwise a fresh one with the defaults,
    /// which takes the saved model of the lesson it starts from when there is one, saying so.
    func enterScope(of lesson: Lesson, resuming: Bool, in session: Session) {
        let number = lesson.number
        let warn = { (message: String) in session.console.line(session.console.styled("warning:", "1;33") + " " + message) }
        if resuming, let scope = scopes[number] ?? LessonScopeStore.load(lesson: number, in: session, warn: warn) {
            scopes[number] = scope
            session.scope = scope
            return
        }
        let scope = Scope(lesson: number)
        if let earlier = lesson.startsFrom {
            if let source = LessonScopeStore.load(lesson: earlier, in: session, warn: warn), source.workspace.model != nil,
               source.workspace.history.epochs > 0 {
                scope.workspace = source.workspace
                scope.inheritedFrom = earlier
                let epochs = source.workspace.history.epochs
                session.console.line("This lesson starts from the model you trained in lesson \(earlier) (\(epochs) epoch\(epochs == 1 ? "" : "s")); its setup cells are skipped.")
            } else {
                session.console.line("There is no trained model from lesson \(earlier) yet, so this lesson's setup cells make one.")
            }
        }
        scopes[number] = scope
        session.scope = scope
        save(scope, includingModel: true, in: session)
    }

    /// Saves the current scope when it is a lesson's and `command` may have changed it.
    func commandDidRun(_ command: any Command.Type, in session: Session) {
        guard session.scope.lesson != nil, command.changes != .nothing else { return }
        save(session.scope, includingModel: command.changes == .model, in: session)
    }

    /// Writes a lesson's scope; a failure is a warning (once per lesson), and the lesson goes on.
    private func save(_ scope: Scope, includingModel: Bool, in session: Session) {
        guard let number = scope.lesson else { return }
        do {
            try LessonScopeStore.save(scope, lesson: number, includingModel: includingModel, in: session)
        } catch {
            guard !unsaved.contains(number) else { return }
            unsaved.insert(number)
            let reason = (error as? CommandError)?.message ?? "\(error)"
            session.console.line(session.console.styled("warning:", "1;33")
                                 + " cannot save lesson \(number)'s state (\(reason)); it lasts until you quit")
        }
    }

    /// The open lesson, or an error telling the learner how to open one.
    func openRunner() throws -> LessonRunner {
        guard let runner else { throw CommandError("no lesson is open; 'lessons' lists them, 'lesson N' opens one") }
        return runner
    }
}
