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
    /// the logits. The model's output must be one score per class.
    public func evaluate(_ source: some ExampleSource, batchSize: Int = Sequential.inferenceBatchSize) -> Evaluation {
        precondition(batchSize > 0, "evaluate: batch size \(batchSize)")
        precondition(outputShape.count == 1, "evaluate: the model outputs \(outputShape), not one score per class")
        let start = ContinuousClock.now
        let classes = outputShape[0]
        var images = Tensor.empty, labels: [Int32] = []
        var predicted: [Int32] = [], truth: [Int32] = []
        var probabilities = [Float](repeating: 0, count: source.count * classes)
        var totalLoss = 0.0
        var batchStart = 0
        let indices = Array(0..<source.count)
        while batchStart < source.count {
            let batchEnd = min(batchStart + batchSize, source.count)
            source.fill(indices: indices[batchStart..<batchEnd], images: &images, labels: &labels)
            let logits = self.logits(images)
            totalLoss += Double(SoftmaxCrossEntropy.loss(logits: logits, labels: labels).loss) * Double(labels.count)
            logits.scalars.withUnsafeBufferPointer { z in
                probabilities.withUnsafeMutableBufferPointer { p in
                    let target = p.baseAddress! + batchStart * classes
                    target.update(from: z.baseAddress!, count: z.count)
                    for row in 0..<labels.count {
                        let scores = target + row * classes
                        var best = 0
                        for k in 1..<classes where scores[k] > scores[best] { best = k }
                        predicted.append(Int32(best))
                        Softmax.normalize(scores, count: classes)
                    }
                }
            }
            truth.append(contentsOf: labels)
            batchStart = batchEnd
        }
        let correct = zip(predicted, truth).filter { $0 == $1 }.count
        let seconds = (ContinuousClock.now - start).seconds
        return Evaluation(loss: source.count == 0 ? 0 : totalLoss / Double(source.count),
                          accuracy: source.count == 0 ? 0 : Double(correct) / Double(source.count),
                          predictedLabels: predicted, trueLabels: truth,
                          probabilities: Tensor(shape: [source.count, classes], scalars: probabilities),
                          seconds: seconds)
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
