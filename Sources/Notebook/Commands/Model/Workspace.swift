/// The data, the model being built or trained, and its training history.
public final class Workspace {
    public init() {}
}
