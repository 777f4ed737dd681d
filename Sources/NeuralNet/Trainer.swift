import TensorCore

/// Keras's `fit`: epochs over shuffled batches, an optimizer step per batch, validation after
/// each epoch, and a history of the metrics.
///
/// Each epoch shuffles the training examples (the first `examplesPerEpoch` of them, if given)
/// with `generator`, which also drives dropout, so a seed fixes the whole run on a given
/// number of cores (`parallelParts`). Training stops early, keeping the model and the history
/// of completed epochs, when the loss stops being finite or exceeds `divergenceThreshold`, or
/// when `shouldStop()` returns true (checked after every batch: Ctrl-C).
public final class Trainer {
    /// How a batch's progress is reported: `step` of `steps` done in epoch `epoch` of `epochs`,
    /// with the running means of the epoch's loss and accuracy so far.
    public struct Progress: Sendable {
        public let epoch: Int, epochs: Int
        public let step: Int, steps: Int
        public let elapsed: Double
        public let loss: Double, accuracy: Double
    }

    /// One completed epoch, with validation metrics when validation data was given; `seconds`
    /// includes the validation, as Keras's epoch time does.
    public struct EpochSummary: Sendable {
        public let epoch: Int, epochs: Int
        public let steps: Int
        public let seconds: Double
        public let loss: Double, accuracy: Double
        public let validationLoss: Double?, validationAccuracy: Double?
    }

    /// Why `train` returned.
    public enum Outcome: Equatable, Sendable {
        case completed
        /// `shouldStop()` became true after `step` of epoch `epoch` (1-based).
        case interrupted(epoch: Int, step: Int)
        /// The batch loss became `loss` (NaN, infinite or above the threshold).
        case diverged(loss: Float, epoch: Int, step: Int)
    }

    public let model: Sequential
    public let optimizer: any Optimizer
    /// A batch loss above this counts as divergence (cross-entropy starts near ln(10) = 2.3).
    public var divergenceThreshold: Float = 1000
    /// Batch size used for validation (inference only, so larger is faster).
    public var validationBatchSize = Sequential.inferenceBatchSize
    /// The evaluation of the validation set after the last completed epoch.
    public private(set) var lastValidation: Evaluation?

    /// When set, `train` adds where each epoch's time went (see `TrainingBudget`).
    public var budget: TrainingBudget?

    /// Into how many parts a step's batch is split, each run on its own core through its own
    /// copy of the model (`DataParallelStep`): one per thread of the worker team; 1 runs every
    /// step on the calling thread. A part has at least `DataParallelStep.minimumPartRows`
    /// examples, so small batches use fewer parts.
    var parallelParts = WorkerTeam.shared.threadCount

    public init(model: Sequential, optimizer: any Optimizer) {
        self.model = model
        self.optimizer = optimizer
    }

    /// Trains for `epochs` epochs of `batchSize`, appending each completed epoch to `history`.
    public func train(on training: some ExampleSource, validation: (some ExampleSource)?,
                      epochs: Int, batchSize: Int, examplesPerEpoch: Int? = nil,
                      using generator: inout some RandomNumberGenerator,
                      history: inout TrainingHistory,
                      progress: (Progress) -> Void = { _ in },
                      epochEnded: (EpochSummary) -> Void = { _ in },
                      shouldStop: () -> Bool = { false }) -> Outcome {
        precondition(epochs > 0 && batchSize > 0, "Trainer: epochs \(epochs), batch size \(batchSize)")
        precondition(training.exampleShape == model.inputShape,
                     "Trainer: examples of shape \(training.exampleShape) for a model taking \(model.inputShape)")
        let count = min(examplesPerEpoch ?? training.count, training.count)
        precondition(count > 0, "Trainer: no training examples")
        let steps = (count + batchSize - 1) / batchSize
        var order = Array(0..<count)
        let budget = self.budget
        model.budget = budget
        defer { model.budget = nil }
        let parts = min(parallelParts, batchSize / DataParallelStep.minimumPartRows)
        let trainingStep: any TrainingStep = (parts > 1 ? DataParallelStep(model: model, parts: parts) : nil)
            ?? WholeBatchStep(model: model)
        for epoch in 1...epochs {
            let start = ContinuousClock.now
            order.shuffle(using: &generator)
            var lossSum = 0.0, correct = 0, seen = 0
            for step in 1...steps {
                let batch = order[(step - 1) * batchSize..<min(step * batchSize, count)]
                let (loss, batchCorrect) = trainingStep.take(batch, from: training, optimizer: optimizer,
                                                             divergenceThreshold: divergenceThreshold,
                                                             using: &generator, budget: budget)
                if lossDiverged(loss, threshold: divergenceThreshold) {
                    return .diverged(loss: loss, epoch: epoch, step: step)
                }
                lossSum += Double(loss) * Double(batch.count)
                correct += batchCorrect
                seen += batch.count
                progress(Progress(epoch: epoch, epochs: epochs, step: step, steps: steps,
                                  elapsed: (ContinuousClock.now - start).seconds,
                                  loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen)))
                if shouldStop() { return .interrupted(epoch: epoch, step: step) }
            }
            var validationLoss: Double?, validationAccuracy: Double?
            if let validation {
                let evaluation = model.evaluate(validation, batchSize: validationBatchSize, on: trainingStep.evaluationModels)
                lastValidation = evaluation
                validationLoss = evaluation.loss
                validationAccuracy = evaluation.accuracy
                budget?.validation += evaluation.seconds
            }
            let seconds = (ContinuousClock.now - start).seconds
            budget?.total += seconds
            budget?.epochs += 1
            history.loss.append(lossSum / Double(seen))
            history.accuracy.append(Double(correct) / Double(seen))
            if let validationLoss, let validationAccuracy {
                history.validationLoss.append(validationLoss)
                history.validationAccuracy.append(validationAccuracy)
            }
            epochEnded(EpochSummary(epoch: epoch, epochs: epochs, steps: steps, seconds: seconds,
                                    loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen),
                                    validationLoss: validationLoss, validationAccuracy: validationAccuracy))
        }
        return .completed
    }
}
