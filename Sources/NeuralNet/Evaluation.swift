import TensorCore

/// A model's loss, accuracy and predictions over a whole labelled set.
public struct Evaluation: Sendable {
    /// Mean cross-entropy per example.
    public let loss: Double
    /// Fraction of examples whose most probable class is the label.
    public let accuracy: Double
    /// The predicted class of each example, in order.
    public let predictedLabels: [Int32]
    /// The true class of each example, in order.
    public let trueLabels: [Int32]
    /// Class probabilities `[count, classes]` (softmax of the logits), row-major.
    public let probabilities: Tensor
    /// Wall-clock seconds taken.
    public let seconds: Double

    public var count: Int { trueLabels.count }
}

extension Sequential {
    /// The batch size for inference over many examples: large enough for efficient products,
    /// small enough that the second convolution's im2col matrix (41 KB per 28x28 image)
    /// stays in cache.
    public static let inferenceBatchSize = 128

    /// Runs every example of `source` through the model in inference mode, `batchSize` at a
    /// time (large batches are much faster than single images), and computes the loss from
    /// the logits. The model's output must be one score per class. A set of more than one
    /// batch is shared out over the cores, each running a replica (`replica()`).
    public func evaluate(_ source: some ExampleSource, batchSize: Int = Sequential.inferenceBatchSize) -> Evaluation {
        evaluate(source, batchSize: batchSize, on: nil)
    }

    /// `evaluate` with its batches shared out over `models`: the model itself first, then
    /// replicas holding its values (a data-parallel step's), one core each; nil makes a
    /// replica per further core. Each batch's results go to its own place and the loss is
    /// summed in batch order, so the figures do not depend on how many cores ran.
    func evaluate(_ source: some ExampleSource, batchSize: Int, on models: [Sequential]?) -> Evaluation {
        precondition(batchSize > 0, "evaluate: batch size \(batchSize)")
        precondition(outputShape.count == 1, "evaluate: the model outputs \(outputShape), not one score per class")
        precondition(models.map { $0.first === self && $0.allSatisfy { $0.inputShape == inputShape && $0.outputShape == outputShape } } ?? true,
                     "evaluate: the models must be this model and replicas of it")
        let start = ContinuousClock.now
        let count = source.count, classes = outputShape[0]
        guard count > 0 else {
            return Evaluation(loss: 0, accuracy: 0, predictedLabels: [], trueLabels: [],
                              probabilities: Tensor(shape: [0, classes]), seconds: (ContinuousClock.now - start).seconds)
        }
        let batches = (count + batchSize - 1) / batchSize
        let models = models ?? [self] + (batches > 1 ? (1..<WorkerTeam.shared.threadCount).compactMap { _ in replica() } : [])
        let results = EvaluationResults(count: count, classes: classes, batches: batches)
        let examples = CoreShared<any ExampleSource>(source), cores = CoreShared(models)
        WorkerTeam.shared.forEach(models.count) { part in
            var images = Tensor.empty, labels: [Int32] = []
            for batch in stride(from: part, to: batches, by: cores.value.count) {
                let first = batch * batchSize, end = min(first + batchSize, count)
                examples.value.fill(indices: Array(first..<end)[...], images: &images, labels: &labels)
                let logits = cores.value[part].logits(images)
                results.losses[batch] = Double(SoftmaxCrossEntropy.loss(logits: logits, labels: labels).loss)
                    * Double(labels.count)
                results.record(logits: logits, labels: labels, from: first)
            }
        }
        let predicted = Array(results.predicted), truth = Array(results.truth)
        let correct = zip(predicted, truth).filter { $0 == $1 }.count
        return Evaluation(loss: results.losses.reduce(0, +) / Double(count), accuracy: Double(correct) / Double(count),
                          predictedLabels: predicted, trueLabels: truth,
                          probabilities: Tensor(shape: [count, classes], scalars: Array(results.probabilities)),
                          seconds: (ContinuousClock.now - start).seconds)
    }
}

/// Where `evaluate`'s cores write, each batch to its own rows and its own loss: buffers that
/// do not move while the cores hold them.
private final class EvaluationResults: @unchecked Sendable {
    let classes: Int
    /// `[count, classes]` softmax probabilities, row-major.
    let probabilities: UnsafeMutableBufferPointer<Float>
    let predicted: UnsafeMutableBufferPointer<Int32>, truth: UnsafeMutableBufferPointer<Int32>
    /// Each batch's summed loss, in batch order.
    let losses: UnsafeMutableBufferPointer<Double>

    init(count: Int, classes: Int, batches: Int) {
        self.classes = classes
        probabilities = .allocate(capacity: count * classes)
        probabilities.initialize(repeating: 0)
        predicted = .allocate(capacity: count)
        predicted.initialize(repeating: 0)
        truth = .allocate(capacity: count)
        truth.initialize(repeating: 0)
        losses = .allocate(capacity: batches)
        losses.initialize(repeating: 0)
    }

    deinit {
        probabilities.deallocate()
        predicted.deallocate()
        truth.deallocate()
        losses.deallocate()
    }

    /// The examples `first..<first + labels.count`: their labels, the class of the highest
    /// logit (the first of equals) and the softmax of the logits.
    func record(logits: Tensor, labels: [Int32], from first: Int) {
        logits.scalars.withUnsafeBufferPointer { z in
            let target = probabilities.baseAddress! + first * classes
            target.update(from: z.baseAddress!, count: z.count)
            for row in 0..<labels.count {
                let scores = target + row * classes
                var best = 0
                for k in 1..<classes where scores[k] > scores[best] { best = k }
                predicted[first + row] = Int32(best)
                truth[first + row] = labels[row]
                Softmax.normalize(scores, count: classes)
            }
        }
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
