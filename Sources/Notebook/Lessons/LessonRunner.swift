/// Steps through one lesson's cells on a terminal: what Enter and `next` advance.
///
/// Invariant: `0 <= position <= lesson.cells.count`; `position` cells have run, and the next
/// to run is `lesson.cells[position]`. Progress is saved after every cell.
public final class LessonRunner: Stepper {
    public let lesson: Lesson
    public private(set) var position: Int
    /// A stepper a cell started (the `conv demo` windows): Enter steps it before the next cell.
    private var inner: Stepper?
    /// Whether "Lesson N done" has been shown (it waits for a demo the last cell started).
    private var announcedFinish = false

    init(lesson: Lesson, position: Int) {
        precondition((0...lesson.cells.count).contains(position), "position \(position) outside 0...\(lesson.cells.count)")
        self.lesson = lesson
        self.position = position
    }

    public var isFinished: Bool {
        position == lesson.cells.count && (inner?.isFinished ?? true) && announcedFinish
    }

    /// Enter: steps the inner stepper if it has steps left, else runs the next cell.
    public func step(in session: Session) throws {
        if let inner, !inner.isFinished {
            try inner.step(in: session)
            if inner.isFinished, position == lesson.cells.count { finish(in: session) }
        } else if position == lesson.cells.count {
            finish(in: session)
        } else {
            try runNextCell(in: session)
        }
    }

    /// Shows the prose before the next cell and runs it; at the end, the closing prose.
    /// A failing cell stays the next one, so the learner can fix things and try again.
    func runNextCell(in session: Session) throws {
        guard position < lesson.cells.count else {
            throw CommandError("lesson \(lesson.number) is finished; 'lesson \(lesson.number + 1)' or 'lessons' goes on")
        }
        inner = nil
        skipSetupCells(in: session)
        guard position < lesson.cells.count else {
            session.notebook.record(self, in: session)
            finish(in: session)
            return
        }
        let before = session.stepper
        do {
            try CellRunner.run(lesson.cells[position], index: position, of: lesson.cells.count, in: session)
        } catch {
            session.stepper = self
            throw error
        }
        position += 1
        if let started = session.stepper, started !== before, started !== self {
            inner = started
        }
        session.stepper = self
        session.notebook.record(self, in: session)
        if position == lesson.cells.count, inner?.isFinished ?? true { finish(in: session) }
    }

    /// `back`: the previous cell becomes the next one again.
    func back(in session: Session) throws {
        guard position > 0 else { throw CommandError("already at the first cell of lesson \(lesson.number)") }
        position -= 1
        inner = nil
        announcedFinish = false
        session.stepper = self
        session.notebook.record(self, in: session)
    }

    /// Passes over the `setup` cells at `position` when the scope already holds what they make
    /// (the result of the lesson this one starts from), showing their prose and saying so.
    private func skipSetupCells(in session: Session) {
        guard let earlier = session.scope.inheritedFrom else { return }
        while position < lesson.cells.count, lesson.cells[position].isSetup {
            CellRunner.skip(lesson.cells[position], index: position, of: lesson.cells.count, from: earlier, in: session)
            position += 1
        }
    }

    /// Plays a demo the last cell started to its end (what `conv run` does).
    private func finishInner(in session: Session) throws {
        while let inner, !inner.isFinished {
            try inner.step(in: session)
            if Interruption.isRequested { return }
        }
    }

    /// Runs every remaining cell, each demo a cell starts to its end; Ctrl-C stops between cells.
    func runRest(in session: Session) throws {
        Interruption.clear()
        try finishInner(in: session)
        while position < lesson.cells.count {
            try runNextCell(in: session)
            try finishInner(in: session)
            if Interruption.isRequested, position < lesson.cells.count {
                Interruption.clear()
                session.console.line("stopped before cell \(position + 1) of \(lesson.cells.count); Enter or 'run' goes on")
                return
            }
        }
        if inner?.isFinished ?? true { finish(in: session) }
    }

    private func finish(in session: Session) {
        guard !announcedFinish else { return }
        announcedFinish = true
        if !lesson.closingProse.isEmpty {
            session.console.line()
            ProseRenderer.write(lesson.closingProse, to: session.console)
        }
        session.console.line()
        session.console.line(session.console.styled("Lesson \(lesson.number) done.", "1;32") + " 'lessons' shows what comes next.")
    }
}
