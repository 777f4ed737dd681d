import Datasets
import NeuralNet
import TensorCore

/// The data, the model being built or trained, and its training history: everything the
/// model commands share (and what `plot`, `filters`, `features` and `mistakes` read).
public final class Workspace {
    /// The images the model trains on (`data`: 60,000; `data sample`: 800).
    public var trainingSet: LabeledImages?
    /// The images the model is validated and evaluated on (10,000, or the bundled 200).
    public var testSet: LabeledImages?
    /// Where the loaded data came from, e.g. "/usr/share/datasets/fashion-mnist (gzip)".
    public var dataDescription: String?

    /// True after `model new` or `model tutorial`: `add` may be used.
    public var isModelStarted = false
    /// The model; nil until `add input` (or `model tutorial`, or `load`).
    public var model: Sequential?
    /// The `add` lines that built the model, canonical and in order (`input 28 28 1`,
    /// `conv 32 3 stride=2 relu`, ...): the architecture as saved in model files.
    public var architecture: [String] = []
    /// The optimizer `compile` chose; nil until then.
    public var optimizer: (any Optimizer)?
    /// True while the weights are as `add` drew them: `train seed=N` then redraws them from N,
    /// so a seed fixes the whole run. False once trained or loaded.
    public var weightsAreFresh = true
    /// The metrics of every completed epoch since the model was made (or as loaded).
    public var history = TrainingHistory()
    /// The last `evaluate` (or the end-of-training evaluation): predictions for the test set,
    /// for the confusion matrix and `mistakes`. Cleared when the weights change.
    public var lastEvaluation: Evaluation?
    /// Every `train` so far, kept when the model is replaced (`runs`, `plot compare`).
    public var runs = TrainingRuns()
    /// Draws the initial weights of layers as they are added; fixed seed, so sessions repeat.
    var initializationGenerator = SplitMix64(seed: 0)

    public init() {}

    /// The class names of Fashion-MNIST, indexed by label.
    public var classNames: [String] { FashionMNIST.classNames }

    /// Forgets the model and everything that came from it; `started` says whether `add` may follow.
    func resetModel(started: Bool) {
        isModelStarted = started
        model = nil
        architecture = []
        optimizer = nil
        weightsAreFresh = true
        history = TrainingHistory()
        lastEvaluation = nil
    }

    /// The output of layer `layerIndex` for one image `[28, 28, 1]` scaled to 0-1:
    /// `[1] + layer.outputShape`.
    public func activation(of image: Tensor, throughLayer layerIndex: Int) -> Tensor? {
        guard let model, model.layers.indices.contains(layerIndex), image.shape == model.inputShape else { return nil }
        return model.activation(of: image.reshaped([1] + image.shape), throughLayer: layerIndex)
    }
}
