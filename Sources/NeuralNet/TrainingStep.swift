import TensorCore

/// How the Trainer takes one optimizer step: `run` computes the batch's gradients, then
/// (unless the loss diverged) `update` applies the optimizer. `WholeBatchStep` runs the batch
/// on the calling thread; `DataParallelStep` shares it out over the cores.
protocol TrainingStep {
    /// Forward and backward passes for `batch`; returns its mean loss and how many examples
    /// it got right. Dropout draws from `generator`.
    func run(_ batch: ArraySlice<Int>, from training: some ExampleSource,
             using generator: inout some RandomNumberGenerator, budget: TrainingBudget?) -> (loss: Float, correct: Int)
    /// The optimizer's step from the gradients `run` left.
    func update(with optimizer: any Optimizer, budget: TrainingBudget?)
    /// The models a validation pass shares its batches over (the model and its replicas), nil
    /// when `evaluate` is to make its own.
    var evaluationModels: [Sequential]? { get }
}

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

    func run(_ batch: ArraySlice<Int>, from training: some ExampleSource,
             using generator: inout some RandomNumberGenerator, budget: TrainingBudget?) -> (loss: Float, correct: Int) {
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
        return result
    }

    func update(with optimizer: any Optimizer, budget: TrainingBudget?) {
        let mark = ContinuousClock.now
        optimizer.update(parameters)
        if let budget { budget.optimizer += TrainingBudget.seconds(since: mark) }
    }
}
