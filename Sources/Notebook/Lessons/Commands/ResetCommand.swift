/// `reset N` / `reset all`: forgets progress (asking first on a terminal).
enum ResetCommand: Command {
    static let name = "reset"
    static let forms = [
        CommandForm(nil, [.required("N", .integer(1...9999), suggestions: { LessonCatalog.numbersOnDisk() })]),
        CommandForm("all"),
    ]
    static let summary = "forget progress in a lesson, or in all"
    static let discussion = """
        Forgets where you are in lesson N (or in every lesson), so it starts again at cell 1.
        On a terminal it asks you to confirm first. Lesson files are never changed.
        """
    static let examples = ["reset 1"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let number = invocation.integer("N")
        if let number {
            let catalog = try session.notebook.catalog(in: session)
            guard catalog.lesson(number) != nil else { throw CommandError("there is no lesson \(number)") }
        }
        let what = number.map { "lesson \($0)" } ?? "every lesson"
        if session.isInteractive, let input = session.input {
            let reply = input.readLine(prompt: "Forget your progress in \(what)? [y/N] ") ?? ""
            guard ["y", "yes"].contains(reply.trimmingCharacters(in: .whitespaces).lowercased()) else {
                session.console.line("Nothing changed.")
                return
            }
        }
        let store = session.notebook.progressStore(in: session)
        if let number {
            store.progress.lessons[String(number)] = nil
            if store.progress.current == number { store.progress.current = nil }
        } else {
            store.progress = Progress()
        }
        session.notebook.save(store, in: session)
        if let runner = session.notebook.runner, number == nil || runner.lesson.number == number {
            session.notebook.runner = nil
            if session.stepper === runner { session.stepper = nil }
            session.scope = session.freeScope
        }
        session.console.line("Progress in \(what) forgotten.")
    }
}
