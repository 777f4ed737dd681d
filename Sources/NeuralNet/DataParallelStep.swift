import Dispatch
import TensorCore

/// One training step with its batch split into consecutive parts, each run forward and
/// backward on its own core through its own copy of the model, the gradients summed once at
/// the end: one synchronisation per step instead of one per matrix product.
///
/// Part 0 runs the trained model itself, part `i > 0` a replica (`Sequential.replica`), which
/// first copies in the trained model's parameter values, on its own core. Each part draws its
/// dropout masks from its own generator, seeded from the trainer's generator in part order,
/// so a seed still fixes the whole run on a given number of cores. The logit gradient of a
/// part of `r` rows is scaled by `r / batch`, so the summed gradient is the whole batch's
/// mean: for two equal halves the scale is 1/2, exact, and the logit gradients equal the
/// whole batch's bit for bit; only the sums over rows (kernel and bias gradients) round
/// differently.
final class DataParallelStep: @unchecked Sendable {
    /// One part's model and buffers. `run` hands each part to exactly one thread.
    final class Part {
        let model: Sequential
        var images = Tensor.empty
        var labels: [Int32] = []
        var logitGradient = Tensor.empty
        var loss: Float = 0
        var correct = 0
        /// Seconds of the whole part, of its loss, and of clearing its gradients.
        var seconds = 0.0, lossSeconds = 0.0, clearSeconds = 0.0

        init(model: Sequential) { self.model = model }
    }

    let parts: [Part]

    /// Splits steps of `model` into `count` parts (at least 2); nil when a layer cannot be
    /// replicated.
    init?(model: Sequential, parts count: Int) {
        precondition(count >= 2, "DataParallelStep: \(count) parts")
        var parts = [Part(model: model)]
        for _ in 1..<count {
            guard let replica = model.replica() else { return nil }
            parts.append(Part(model: replica))
        }
        self.parts = parts
    }

    /// Forward and backward passes for `batch` (at least one example per part): afterwards
    /// the gradients of the trained model (part 0) are the whole batch's. Returns the batch's
    /// mean loss and how many examples it got right. The layer times in `budget` are part
    /// 0's; the time the step then waits for the other parts is `synchronisation`.
    func run(_ batch: ArraySlice<Int>, from training: some ExampleSource,
             using generator: inout some RandomNumberGenerator, budget: TrainingBudget?) -> (loss: Float, correct: Int) {
        let count = parts.count, rows = batch.count
        precondition(rows >= count, "DataParallelStep: a batch of \(rows) for \(count) parts")
        var mark = ContinuousClock.now
        for (index, part) in parts.enumerated() {
            let start = batch.startIndex + rows * index / count, end = batch.startIndex + rows * (index + 1) / count
            training.fill(indices: batch[start..<end], images: &part.images, labels: &part.labels)
        }
        let seeds = parts.map { _ in generator.next() }
        if let budget { budget.data += TrainingBudget.seconds(since: mark) }
        mark = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: count) { index in
            self.runPart(index, batchRows: rows, seed: seeds[index])
        }
        let elapsed = TrainingBudget.seconds(since: mark)
        if let budget {
            budget.loss += parts[0].lossSeconds
            budget.optimizer += parts[0].clearSeconds
            budget.synchronisation += max(0, elapsed - parts[0].seconds)
        }
        mark = ContinuousClock.now
        for part in parts.dropFirst() { parts[0].model.addGradients(of: part.model) }
        if let budget { budget.optimizer += TrainingBudget.seconds(since: mark) }
        var loss = 0.0, correct = 0
        for part in parts {
            loss += Double(part.loss) * Double(part.labels.count)
            correct += part.correct
        }
        return (Float(loss / Double(rows)), correct)
    }

    private func runPart(_ index: Int, batchRows: Int, seed: UInt64) {
        let part = parts[index], start = ContinuousClock.now
        // A replica takes the values of the last update on its own core; part 0 only reads them.
        if index > 0 { part.model.copyParameterValues(from: parts[0].model) }
        part.model.zeroGradients()
        part.clearSeconds = TrainingBudget.seconds(since: start)
        var generator = SplitMix64(seed: seed)
        let logits = part.model.trainingLogits(part.images, using: &generator)
        let lossStart = ContinuousClock.now
        (part.loss, part.correct) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: part.labels,
                                                                        gradient: &part.logitGradient)
        let share = Float(part.labels.count) / Float(batchRows)
        if share != 1 {
            part.logitGradient.scalars.withUnsafeMutableBufferPointer { dz in
                for i in dz.indices { dz[i] *= share }
            }
        }
        part.lossSeconds = TrainingBudget.seconds(since: lossStart)
        part.model.backward(logitGradient: part.logitGradient)
        part.seconds = TrainingBudget.seconds(since: start)
    }
}
