/// `lesson N`: on a terminal, opens lesson N at its first unfinished cell (Enter steps it);
/// off one, prints the whole lesson and runs every cell in order.
enum LessonCommand: Command {
    static let name = "lesson"
    static let forms = [
        CommandForm(nil, [.required("N", .integer(1...9999), suggestions: { LessonCatalog.numbersOnDisk() })]),
    ]
    static let summary = "open lesson N where you left it"
    static let discussion = """
        On a terminal, opens lesson N at its first unfinished cell. Enter (or 'next') shows the
        prose before the next cell and runs it; 'back' steps back, 'run' runs the rest, 'where'
        says where you are, 'hint' helps with a check. Type any other command between cells.
        A finished lesson opens again at its first cell.

        Without a terminal (a script, a pipe, -c), prints the whole lesson and runs every cell
        in order; checks print their question and answer. Fails if any cell fails.
        """
    static let examples = ["lesson 1"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let catalog = try session.notebook.catalog(in: session)
        let numbers = catalog.lessons.map(\.number)
        let number = invocation.integer(required: "N")
        guard let lesson = catalog.lesson(number) else {
            throw CommandError("there is no lesson \(number); the lessons are \(numbers.map(String.init).joined(separator: ", "))")
        }
        if session.isInteractive {
            open(lesson, in: session)
        } else {
            try runWhole(lesson, in: session)
        }
    }

    /// Opens `lesson` at the saved position for stepping.
    private static func open(_ lesson: Lesson, in session: Session) {
        let entry = session.notebook.progressStore(in: session).progress.entry(lesson.number)
        let count = lesson.cells.count
        var position = min(entry.position, count)
        let console = session.console
        console.line(console.styled("Lesson \(lesson.number): \(lesson.title)", "1") + " (\(count) cells)")
        if position == count {
            position = 0
            console.line("You finished this lesson before; starting again at cell 1.")
        } else if position > 0 {
            console.line("Resuming at cell \(position + 1) of \(count).")
        }
        session.notebook.enterScope(of: lesson, resuming: position > 0, in: session)
        let runner = LessonRunner(lesson: lesson, position: position)
        session.notebook.runner = runner
        session.stepper = runner
        session.notebook.record(runner, in: session)
        console.line("Press Enter (or type 'next') to run the next cell; 'back', 'run', 'where', 'hint'.")
        console.line("Commands you type between cells act on this lesson's own demo and model, which are kept when you quit.")
    }

    /// Prints `lesson` and runs all its cells; the first failing cell fails the command.
    static func runWhole(_ lesson: Lesson, in session: Session) throws {
        let console = session.console
        let heading = "Lesson \(lesson.number): \(lesson.title)"
        console.line(heading)
        console.line(String(repeating: "=", count: min(heading.count, 80)))
        session.notebook.enterScope(of: lesson, resuming: false, in: session)
        Interruption.clear()
        for (index, cell) in lesson.cells.enumerated() {
            if cell.isSetup, let earlier = session.scope.inheritedFrom {
                CellRunner.skip(cell, index: index, of: lesson.cells.count, from: earlier, in: session)
                continue
            }
            try CellRunner.run(cell, index: index, of: lesson.cells.count, in: session)
            if Interruption.isRequested {
                Interruption.clear()
                throw CommandError("interrupted after cell \(index + 1) of \(lesson.cells.count)")
            }
        }
        session.stepper = nil
        if !lesson.closingProse.isEmpty {
            console.line()
            ProseRenderer.write(lesson.closingProse, to: console)
        }
        console.line()
        console.line("Lesson \(lesson.number) done: all \(lesson.cells.count) cells ran.")
    }
}
