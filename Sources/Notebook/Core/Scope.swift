/// What commands act on: the convolution demo, and the data, model, optimizer and training
/// history (`Workspace`). The free REPL has a scope of its own, and so does every lesson, so
/// that a lesson starts from the defaults it states whatever the learner did before, and the
/// learner's own experiments never change a lesson's model.
///
/// A lesson's scope is saved under the state directory when a command changes it
/// (`LessonScopeStore`) and read back when the lesson resumes.
public final class Scope {
    /// The lesson that owns the scope; nil for the free REPL.
    public let lesson: Int?
    /// The convolution demo's image, kernel and position.
    public var demo: ConvDemoState
    /// The data, the model and its training history.
    public var workspace: Workspace
    /// The lesson whose saved result this scope started from (lesson 5 from lesson 4's model),
    /// if it did: then the lesson's `setup` cells are skipped.
    public var inheritedFrom: Int?

    /// A scope with the defaults: the demo's 5x5 image and sobel-x kernel, no data, no model.
    public init(lesson: Int? = nil, demo: ConvDemoState = ConvDemoState(), workspace: Workspace = Workspace()) {
        self.lesson = lesson
        self.demo = demo
        self.workspace = workspace
    }
}
