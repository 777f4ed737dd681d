/// The open lesson, its current cell and the learner's saved progress.
public final class NotebookState {
    public init() {}
}
