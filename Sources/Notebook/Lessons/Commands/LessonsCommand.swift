/// `lessons`: every lesson with its state (done, current, started, not started) and the
/// overall progress.
enum LessonsCommand: Command {
    static let name = "lessons"
    static let forms = [CommandForm()]
    static let summary = "list the lessons and your progress"
    static let discussion = """
        Lists every lesson with its number, title and where you are in it: done, current
        (the one you opened last), started, or not started; then the overall progress.
        Progress is kept in progress.json in the state directory ($XDG_STATE_HOME/convbook).
        """
    static let examples = ["lessons", "lesson 1"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let catalog = try session.notebook.catalog(in: session)
        let progress = session.notebook.progressStore(in: session).progress
        let titleWidth = min(44, catalog.lessons.map(\.title.count).max() ?? 0)
        var doneLessons = 0
        var doneCells = 0
        var totalCells = 0
        session.console.line("Lessons:")
        for lesson in catalog.lessons {
            let count = lesson.cells.count
            let entry = progress.entry(lesson.number)
            let position = min(entry.position, count)
            let state: String
            if entry.completed {
                state = session.console.styled("done", "32")
                doneLessons += 1
                doneCells += count
            } else {
                doneCells += position
                if progress.current == lesson.number {
                    state = session.console.styled("current", "1;36") + " (cell \(position + 1) of \(count))"
                } else if position > 0 {
                    state = "started (cell \(position + 1) of \(count))"
                } else {
                    state = "not started"
                }
            }
            totalCells += count
            let title = lesson.title.count > titleWidth ? String(lesson.title.prefix(titleWidth - 3)) + "..." : lesson.title
            let number = String(lesson.number)
            session.console.line(String(repeating: " ", count: max(0, 4 - number.count)) + number + "  "
                                 + title + String(repeating: " ", count: titleWidth - title.count) + "  " + state)
        }
        session.console.line()
        session.console.line("Progress: \(doneLessons) of \(catalog.lessons.count) lessons done, \(doneCells) of \(totalCells) cells.")
        session.console.line("'lesson N' opens lesson N where you left it.")
    }
}
