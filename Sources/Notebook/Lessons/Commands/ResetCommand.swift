/// `reset N` / `reset all`: forgets progress (asking first on a terminal).
enum ResetCommand: Command {
    static let name = "reset"
    static let usage = "reset N | reset all"
    static let summary = "forget progress in a lesson, or in all"
    static let discussion = """
        Forgets where you are in lesson N (or in every lesson), so it starts again at cell 1.
        On a terminal it asks you to confirm first. Lesson files are never changed.

        Example: reset 1
        """
    static var completions: [String] { ["all"] + LessonCatalog.numbersOnDisk() }

    static func run(_ arguments: Arguments, in session: Session) throws {
        try arguments.expectPositionals(1, 1)
        try arguments.expectKeywords([])
        let word = arguments.positionals[0].lowercased()
        let number: Int? = word == "all" ? nil : try Arguments.integer(word, name: "N", in: 1...9999)
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
