/// The banner a terminal session starts with. A returning learner is told where they are
/// ("lesson 3, cell 5 of 12: Enter continues") and Enter (or `next`) takes them there.
public enum Welcome {
    /// Writes the banner and, when there is a lesson to go back to, makes Enter resume it.
    public static func show(in session: Session) {
        let console = session.console
        let opening = "convbook: learn how convolutional networks work. 'help' lists the commands, "
        guard let place = resumable(in: session) else {
            console.line(opening + "'lesson 1' starts the first lesson, Ctrl-D leaves.")
            return
        }
        console.line(opening + "'lessons' lists the lessons, Ctrl-D leaves.")
        let count = place.lesson.cells.count
        if place.position == 0 {
            console.line("Welcome back. Next is lesson \(place.lesson.number), \(place.lesson.title): Enter starts it.")
        } else {
            console.line("Welcome back: lesson \(place.lesson.number), cell \(place.position + 1) of \(count): Enter continues.")
        }
        session.stepper = ResumeStepper(lesson: place.lesson.number)
    }

    /// Where a returning learner goes on: the lesson opened last, at its saved cell, unless it
    /// is done, in which case the next lesson not yet done. Nil for a new learner.
    static func resumable(in session: Session) -> (lesson: Lesson, position: Int)? {
        let progress = session.notebook.progressStore(in: session).progress
        guard let current = progress.current, let catalog = try? session.notebook.catalog(in: session) else { return nil }
        if let lesson = catalog.lesson(current) {
            let entry = progress.entry(current)
            let position = min(entry.position, lesson.cells.count)
            if position < lesson.cells.count, !(entry.completed && position == 0) { return (lesson, position) }
        }
        guard let next = catalog.lessons.first(where: { $0.number > current && !progress.entry($0.number).completed }) else {
            return nil
        }
        return (next, min(progress.entry(next.number).position, next.cells.count - 1))
    }

    /// Opens `lesson` where the learner left it and runs its next cell.
    static func resume(lesson: Int, in session: Session) throws {
        try LessonCommand.run(LessonCommand.parse(["\(lesson)"]), in: session)
        try session.notebook.openRunner().step(in: session)
    }
}

/// What Enter does before any lesson is open in a returning learner's session: resume.
final class ResumeStepper: Stepper {
    let lesson: Int
    private(set) var isFinished = false

    init(lesson: Int) { self.lesson = lesson }

    func step(in session: Session) throws {
        isFinished = true
        try Welcome.resume(lesson: lesson, in: session)
    }
}
