import CKernels
import TensorCore

/// One training step with its batch split into consecutive parts, each run forward and
/// backward on its own core through its own copy of the model; then the cores sum the parts'
/// gradients, apply the optimizer and copy the new values into the copies, a chunk of the
/// parameters' elements at a time. Two synchronisations per step (`WorkerTeam`), none per
/// matrix product.
///
/// Part 0 runs the trained model itself, part `i > 0` a replica (`Sequential.replica`), whose
/// parameter values `update` keeps equal to the trained model's. Between steps every part's
/// gradients are zero: `update` clears each chunk once it has used it, so no step begins by
/// clearing them. Each part draws its dropout masks from its own generator, seeded from the
/// trainer's generator in part order, so a seed still fixes the whole run on a given number
/// of cores. The logit gradient of a part of `r` rows is scaled by `r / batch`, so the summed
/// gradient is the whole batch's mean: for two equal halves the scale is 1/2, exact, and the
/// logit gradients equal the whole batch's bit for bit; only the sums over rows (kernel and
/// bias gradients) round differently.
final class DataParallelStep: TrainingStep, @unchecked Sendable {
    var evaluationModels: [Sequential]? { parts.map(\.model) }

    /// One part's model and buffers. `run` hands each part to exactly one thread.
    final class Part {
        let model: Sequential
        /// `model.parameters`, read once: the layers never change during training.
        let parameters: [Parameter]
        var images = Tensor.empty
        var labels: [Int32] = []
        var logitGradient = Tensor.empty
        var loss: Float = 0
        var correct = 0
        /// Seconds of the whole part, and of its data and its loss.
        var seconds = 0.0, dataSeconds = 0.0, lossSeconds = 0.0

        init(model: Sequential) {
            self.model = model
            parameters = model.parameters
        }
    }

    let parts: [Part]
    /// The fewest examples a part runs: a batch of fewer than `parts.count` times this (the
    /// last of an epoch) runs on fewer parts, the others holding zero gradients.
    static let minimumPartRows = 8
    /// The parameters' elements cut into chunks (parameter index, element range) that a core
    /// sums and updates at a time: the parts' gradients, the values, the optimizer's slots and
    /// the copies of 4,096 elements stay in its L2 cache. Each core takes the same
    /// consecutive half (third, ...) of the chunks at every step, so that its share of the
    /// optimizer's slots stays in its own cache: taking chunks as they came free was no faster.
    private let chunks: [(parameter: Int, elements: Range<Int>)]
    private static let chunkSize = 4096

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
        chunks = parts[0].parameters.enumerated().flatMap { index, parameter in
            stride(from: 0, to: parameter.value.count, by: Self.chunkSize).map {
                (index, $0..<min($0 + Self.chunkSize, parameter.value.count))
            }
        }
        model.zeroGradients()
    }

    /// Forward and backward passes for `batch`, each active part into its own model's
    /// gradients: as many parts as have `minimumPartRows` examples each (at least one part).
    /// Returns the batch's mean loss and how many examples it got right. The layer times in
    /// `budget` are part 0's; the time the step then waits for the other parts is
    /// `synchronisation`.
    func run(_ batch: ArraySlice<Int>, from training: some ExampleSource,
             using generator: inout some RandomNumberGenerator, budget: TrainingBudget?) -> (loss: Float, correct: Int) {
        let rows = batch.count
        let active = max(1, min(parts.count, rows / Self.minimumPartRows))
        let seeds = parts.map { _ in generator.next() }
        let mark = ContinuousClock.now
        let source = CoreShared<any ExampleSource>(training)
        WorkerTeam.shared.forEach(active) { index in
            let start = batch.startIndex + rows * index / active, end = batch.startIndex + rows * (index + 1) / active
            self.runPart(index, rows: batch[start..<end], of: rows, from: source.value, seed: seeds[index])
        }
        let elapsed = TrainingBudget.seconds(since: mark)
        if let budget {
            budget.data += parts[0].dataSeconds
            budget.loss += parts[0].lossSeconds
            budget.synchronisation += max(0, elapsed - parts[0].seconds)
        }
        var loss = 0.0, correct = 0
        for part in parts.prefix(active) {
            loss += Double(part.loss) * Double(part.labels.count)
            correct += part.correct
        }
        return (Float(loss / Double(rows)), correct)
    }

    /// After `run`: sums the parts' gradients into the trained model's, takes `optimizer`'s
    /// step and copies the new values into the replicas, each core taking its share of the
    /// chunks of the parameters' elements. Afterwards every part's gradients are zero. Its
    /// time, waiting for the slower core included, counts as `optimizer` in `budget`.
    func update(with optimizer: any Optimizer, budget: TrainingBudget?) {
        let mark = ContinuousClock.now
        combine(optimizer.beginStep(parts[0].parameters))
        if let budget { budget.optimizer += TrainingBudget.seconds(since: mark) }
    }

    /// After `run`, without an optimizer: the trained model's gradients become the batch's
    /// (the sum of the parts'), the replicas' are cleared. For comparing with a whole batch.
    func sumGradients() { combine(nil) }

    /// Every chunk (see `combine(_:_:_:)`), each core its own share.
    private func combine(_ step: (any ParameterUpdate)?) {
        withPointers { pointers in
            let count = parts.count, chunks = self.chunks.count
            WorkerTeam.shared.forEach(count) { share in
                for taken in chunks * share / count..<chunks * (share + 1) / count {
                    self.combine(self.chunks[taken], pointers, step)
                }
            }
        }
    }

    private func runPart(_ index: Int, rows: ArraySlice<Int>, of batchRows: Int, from training: any ExampleSource,
                         seed: UInt64) {
        let part = parts[index], start = ContinuousClock.now
        training.fill(indices: rows, images: &part.images, labels: &part.labels)
        part.dataSeconds = TrainingBudget.seconds(since: start)
        var generator = SplitMix64(seed: seed)
        let logits = part.model.trainingLogits(part.images, using: &generator)
        let mark = ContinuousClock.now
        (part.loss, part.correct) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: part.labels,
                                                                        gradient: &part.logitGradient)
        let share = Float(part.labels.count) / Float(batchRows)
        if share != 1 {
            part.logitGradient.scalars.withUnsafeMutableBufferPointer { dz in
                for i in dz.indices { dz[i] *= share }
            }
        }
        part.lossSeconds = TrainingBudget.seconds(since: mark)
        part.model.backward(logitGradient: part.logitGradient)
        part.seconds = TrainingBudget.seconds(since: start)
    }

    /// One chunk: part 0's gradient becomes the sum of all parts' (theirs cleared), then
    /// `step` (if any) updates part 0's values from it, clears it, and the values are copied
    /// into the other parts'.
    private func combine(_ chunk: (parameter: Int, elements: Range<Int>), _ pointers: ParameterPointers,
                         _ step: (any ParameterUpdate)?) {
        let index = chunk.parameter, start = chunk.elements.lowerBound, length = chunk.elements.count
        let gradient = pointers.gradients[0][index], values = pointers.values[0][index]
        for part in 1..<parts.count {
            ck_add_and_clear(gradient + start, pointers.gradients[part][index] + start, length)
        }
        guard let step else { return }
        step.apply(parameter: index, range: chunk.elements, values: values, gradients: gradient)
        (gradient + start).update(repeating: 0, count: length)
        for part in 1..<parts.count {
            (pointers.values[part][index] + start).update(from: values + start, count: length)
        }
    }

    /// The first element of each part's (`[part][parameter]`) values and gradients, valid
    /// while `withPointers` runs.
    private struct ParameterPointers: @unchecked Sendable {
        var values: [[UnsafeMutablePointer<Float>]]
        var gradients: [[UnsafeMutablePointer<Float>]]
    }

    /// Calls `body` with pointers to every part's parameter values and gradients, each array
    /// held (so it cannot move) for the whole call.
    private func withPointers(_ body: (ParameterPointers) -> Void) {
        let parameters = parts.map(\.parameters)
        var pointers = ParameterPointers(values: parameters.map { _ in [] }, gradients: parameters.map { _ in [] })
        func hold(part: Int, parameter: Int) {
            guard part < parameters.count else { return body(pointers) }
            guard parameter < parameters[part].count else { return hold(part: part + 1, parameter: 0) }
            let held = parameters[part][parameter]
            held.value.scalars.withUnsafeMutableBufferPointer { values in
                held.gradient.scalars.withUnsafeMutableBufferPointer { gradients in
                    // A parameter has at least one element (a layer has at least one unit).
                    pointers.values[part].append(values.baseAddress!)
                    pointers.gradients[part].append(gradients.baseAddress!)
                    hold(part: part, parameter: parameter + 1)
                }
            }
        }
        hold(part: 0, parameter: 0)
    }
}
