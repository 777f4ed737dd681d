import TensorCore

/// How the Trainer takes one optimizer step: forward and backward passes for a batch, then,
/// unless the batch's loss diverged (`lossDiverged`), the optimizer's update.
/// `WholeBatchStep` runs the batch on the calling thread; `DataParallelStep` shares it out
/// over the cores.
protocol TrainingStep {
    /// Runs `batch` forward and backward, then updates the parameters with `optimizer` unless
    /// the loss diverged (beyond `divergenceThreshold`, or not finite), in which case the
    /// parameters and the optimizer are left as they were. Returns the batch's mean loss and
    /// how many examples it got right. Dropout draws from `generator`.
    func take(_ batch: ArraySlice<Int>, from training: some ExampleSource, optimizer: any Optimizer,
              divergenceThreshold: Float, using generator: inout some RandomNumberGenerator,
              budget: TrainingBudget?) -> (loss: Float, correct: Int)
    /// The models a validation pass shares its batches over (the model and its replicas), nil
    /// when `evaluate` is to make its own.
    var evaluationModels: [Sequential]? { get }
}

/// Whether a batch's mean loss means training diverged: not finite, or above `threshold`.
func lossDiverged(_ loss: Float, threshold: Float) -> Bool { !loss.isFinite || loss > threshold }

/// The whole batch through the model on the calling thread.
final class WholeBatchStep: TrainingStep {
    let model: Sequential
    /// `model.parameters`, read once: the layers never change during training.
    private let parameters: [Parameter]
    private var images = Tensor.empty, labels: [Int32] = [], logitGradient = Tensor.empty
    var evaluationModels: [Sequential]? { nil }

    init(model: Sequential) {
        self.model = model
        parameters = model.parameters
    }

    func take(_ batch: ArraySlice<Int>, from training: some ExampleSource, optimizer: any Optimizer,
              divergenceThreshold: Float, using generator: inout some RandomNumberGenerator,
              budget: TrainingBudget?) -> (loss: Float, correct: Int) {
        var mark = ContinuousClock.now
        training.fill(indices: batch, images: &images, labels: &labels)
        if let budget { budget.data += TrainingBudget.seconds(since: mark) }
        mark = ContinuousClock.now
        model.zeroGradients()
        if let budget { budget.optimizer += TrainingBudget.seconds(since: mark) }
        let logits = model.trainingLogits(images, using: &generator)
        mark = ContinuousClock.now
        let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: labels, gradient: &logitGradient)
        if let budget { budget.loss += TrainingBudget.seconds(since: mark) }
        model.backward(logitGradient: logitGradient)
        guard !lossDiverged(result.loss, threshold: divergenceThreshold) else { return result }
        mark = ContinuousClock.now
        optimizer.update(parameters)
        if let budget { budget.optimizer += TrainingBudget.seconds(since: mark) }
        return result
    }
}
