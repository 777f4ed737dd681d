import Datasets

/// The data, the model being built or trained, and its training history.
public final class Workspace {
    /// The images the model trains on (`data`: 60,000; `data sample`: none, see `testSet`).
    public var trainingSet: LabeledImages?
    /// The images the model is validated and evaluated on (10,000, or the bundled 1,000).
    public var testSet: LabeledImages?
    /// Where the loaded data came from, e.g. "/usr/share/datasets/fashion-mnist (gzip)".
    public var dataDescription: String?

    public init() {}
}
