/// The `conv demo`'s image, kernel and the window it has reached.
public final class ConvDemoState {
    public init() {}
}
