import CKernels
import Synchronization
import TensorCore

/// One training step with its batch split into consecutive parts, each run forward and
/// backward on its own core through its own copy of the model; then the cores sum the parts'
/// gradients, apply the optimizer and copy the new values into the copies, a chunk of the
/// parameters' elements at a time. One synchronisation per step (`WorkerTeam`), none per
/// matrix product.
///
/// The update does not wait for the slowest part: a layer's chunks are ready as soon as every
/// part has finished that layer's backward pass (backward runs from the last layer down), so
/// a core whose part is done updates the dense layers while another still runs the first
/// convolutions' backward. Whichever core updates a chunk, the arithmetic is the same (the
/// parts' gradients summed in part order, then the optimizer), so a seed still fixes the
/// whole run on a given number of cores.
///
/// Part 0 runs the trained model itself, part `i > 0` a replica (`Sequential.replica`), whose
/// parameter values the update keeps equal to the trained model's. Between steps every part's
/// gradients are zero: the update clears each chunk once it has used it, so no step begins by
/// clearing them (a diverged step, after which training stops, leaves them as they are). Each part draws its dropout masks from its own generator, seeded from the
/// trainer's generator in part order. The logit gradient of a part of `r` rows is scaled by
/// `r / batch`, so the summed gradient is the whole batch's mean: for two equal halves the
/// scale is 1/2, exact, and the logit gradients equal the whole batch's bit for bit; only the
/// sums over rows (kernel and bias gradients) round differently.
final class DataParallelStep: TrainingStep, @unchecked Sendable {
    var evaluationModels: [Sequential]? { parts.map(\.model) }

    /// One part's model and buffers. A step hands each part to exactly one thread.
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
        /// Seconds the thread that ran iteration `i` of the step's job (this part's, when
        /// active) then spent combining chunks; written by that thread only.
        var combiningSeconds = 0.0
        /// Whether a thread has begun this part in the current step.
        let started = Atomic<Bool>(false)
        /// How many layers, from the last one down, have finished their backward pass in the
        /// current step (published with release ordering: their gradients are complete).
        let layersDone = Atomic<Int>(0)

        init(model: Sequential) {
            self.model = model
            parameters = model.parameters
        }
    }

    let parts: [Part]
    /// The fewest examples a part runs: a batch of fewer than `parts.count` times this (the
    /// last of an epoch) runs on fewer parts, the others holding zero gradients.
    static let minimumPartRows = 8
    /// The parameters' elements cut into chunks that a core sums and updates at a time: the
    /// parts' gradients, the values, the optimizer's slots and the copies of 4,096 elements
    /// stay in its L2 cache. Ordered from the last layer's parameters to the first's, the order
    /// in which backward completes them.
    private let chunks: [Chunk]
    private static let chunkSize = 4096

    /// A range of one parameter's elements, and how many layers (from the last one down) each
    /// part must have finished before their gradients are complete.
    private struct Chunk {
        let parameter: Int
        let elements: Range<Int>
        let layersNeeded: Int
    }

    /// The current step's shared state, set before each step's job starts.
    private var active = 0
    private var optimizer: (any Optimizer)?
    private var divergenceThreshold: Float = .infinity
    private var pointers = ParameterPointers([])
    /// The next chunk to combine.
    private let nextChunk = Atomic<Int>(0)
    /// What the step does with the summed gradients (a `Decision`), decided once, by the first
    /// thread to reach a ready chunk; `update` is set before the decision is published.
    private let decision = Atomic<Decision>(.undecided)
    private var update: (any ParameterUpdate)?
    /// How long a thread waits for a chunk to become ready before it leaves the rest of the
    /// chunks to the threads still running parts (who take them when their part is done).
    private static let readinessPatience = Duration.microseconds(50)

    /// The values of `decision`: undecided, being decided, then what every thread does with
    /// a ready chunk: sum the gradients only (no optimizer), sum and take the step, or nothing
    /// (the loss diverged).
    private enum Decision: Int, AtomicRepresentable {
        case undecided, deciding, sumOnly, step, diverged
    }

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
        let layerOfParameter = model.layers.indices.flatMap { index in model.layers[index].parameters.map { _ in index } }
        chunks = parts[0].parameters.enumerated().reversed().flatMap { index, parameter in
            stride(from: 0, to: parameter.value.count, by: Self.chunkSize).map {
                Chunk(parameter: index, elements: $0..<min($0 + Self.chunkSize, parameter.value.count),
                      layersNeeded: model.layers.count - layerOfParameter[index])
            }
        }
        model.zeroGradients()
    }

    /// The batch's forward and backward passes in parts, the gradients summed, then the
    /// optimizer's step unless the loss diverged (see `TrainingStep`).
    func take(_ batch: ArraySlice<Int>, from training: some ExampleSource, optimizer: any Optimizer,
              divergenceThreshold: Float, using generator: inout some RandomNumberGenerator,
              budget: TrainingBudget?) -> (loss: Float, correct: Int) {
        run(batch, from: training, optimizer: optimizer, divergenceThreshold: divergenceThreshold,
            using: &generator, budget: budget)
    }

    /// The same without an optimizer: the trained model's gradients become the batch's (the
    /// sum of the parts'), the replicas' are cleared. For comparing with a whole batch.
    func sumGradients(_ batch: ArraySlice<Int>, from training: some ExampleSource,
                      using generator: inout some RandomNumberGenerator) -> (loss: Float, correct: Int) {
        run(batch, from: training, optimizer: nil, divergenceThreshold: .infinity, using: &generator, budget: nil)
    }

    /// Forward and backward passes for `batch`, each active part into its own model's
    /// gradients: as many parts as have `minimumPartRows` examples each (at least one part).
    /// Every thread then combines chunks as they become ready: the parts' gradients summed
    /// into the trained model's and, with an `optimizer` and a loss that did not diverge, its
    /// step taken and the new values copied into the replicas. Afterwards the replicas'
    /// gradients are zero, and so are the trained model's when the step was taken; a diverged
    /// step changes no value and leaves every part's gradients as backward left them.
    ///
    /// Returns the batch's mean loss and how many examples it got right. The layer times in
    /// `budget` are part 0's; of the rest of the step, the cores' time combining chunks divided
    /// by the number of cores is `optimizer` (whichever core did the work: a step whose update
    /// the other core did alone still counts it), and what remains (waiting for the other
    /// parts and for chunks to become ready) is `synchronisation`.
    private func run(_ batch: ArraySlice<Int>, from training: some ExampleSource, optimizer: (any Optimizer)?,
                     divergenceThreshold: Float, using generator: inout some RandomNumberGenerator,
                     budget: TrainingBudget?) -> (loss: Float, correct: Int) {
        let rows = batch.count
        active = max(1, min(parts.count, rows / Self.minimumPartRows))
        self.optimizer = optimizer
        self.divergenceThreshold = divergenceThreshold
        pointers = ParameterPointers(parts)
        update = nil
        nextChunk.store(0, ordering: .relaxed)
        decision.store(.undecided, ordering: .relaxed)
        for part in parts {
            part.started.store(false, ordering: .relaxed)
            part.layersDone.store(0, ordering: .relaxed)
        }
        let seeds = parts.map { _ in generator.next() }
        let mark = ContinuousClock.now
        let source = CoreShared<any ExampleSource>(training)
        WorkerTeam.shared.forEach(parts.count) { index in
            if index < self.active {
                let start = batch.startIndex + rows * index / self.active
                let end = batch.startIndex + rows * (index + 1) / self.active
                self.runPart(index, rows: batch[start..<end], of: rows, from: source.value, seed: seeds[index])
            }
            let seconds = self.combineReadyChunks()
            self.parts[index].combiningSeconds = seconds
        }
        if chunks.isEmpty { _ = decidedOutcome() }  // no parameters: the optimizer still counts the step
        let elapsed = TrainingBudget.seconds(since: mark)
        if let budget {
            budget.data += parts[0].dataSeconds
            budget.loss += parts[0].lossSeconds
            // The update's work spread over the cores that shared it, within what was left of
            // the step once part 0 was done; whichever core happened to do it.
            let cores = Double(min(parts.count, WorkerTeam.shared.threadCount))
            let rest = max(0, elapsed - parts[0].seconds)
            let updating = min(rest, parts.reduce(0) { $0 + $1.combiningSeconds } / cores)
            budget.optimizer += updating
            budget.synchronisation += rest - updating
        }
        return (batchLoss(), parts.prefix(active).reduce(0) { $0 + $1.correct })
    }

    /// The mean loss of the active parts, weighted by their rows, summed in part order.
    private func batchLoss() -> Float {
        var loss = 0.0, rows = 0
        for part in parts.prefix(active) {
            loss += Double(part.loss) * Double(part.labels.count)
            rows += part.labels.count
        }
        return Float(loss / Double(rows))
    }

    private func runPart(_ index: Int, rows: ArraySlice<Int>, of batchRows: Int, from training: any ExampleSource,
                         seed: UInt64) {
        let part = parts[index], start = ContinuousClock.now
        part.started.store(true, ordering: .releasing)
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
        part.model.backward(logitGradient: part.logitGradient) { _ in
            part.layersDone.add(1, ordering: .releasing)
        }
        part.seconds = TrainingBudget.seconds(since: start)
    }

    /// Takes ready chunks in order and combines them (`combine(_:_:_:)`) until none is left, the
    /// step diverged, or the next chunk waits for a part no thread has begun or for longer
    /// than `readinessPatience`: the threads still running parts take the rest when they are
    /// done (the last part's thread finds every chunk ready), so no thread waits for work
    /// queued behind it on its own thread. Returns the seconds spent combining.
    private func combineReadyChunks() -> Double {
        var seconds = 0.0
        // Read once per thread and step, not once per chunk (each read retains their storage).
        let pointers = self.pointers
        var step: (any ParameterUpdate)?
        while true {
            let taken = nextChunk.load(ordering: .relaxed)
            guard taken < chunks.count, waitUntilReady(taken) else { return seconds }
            let mark = ContinuousClock.now
            let outcome = decidedOutcome()
            guard outcome != .diverged else { return seconds }
            guard nextChunk.compareExchange(expected: taken, desired: taken + 1, ordering: .relaxed).exchanged else {
                continue
            }
            if outcome == .step, step == nil { step = update }
            combine(chunks[taken], step, pointers)
            seconds += TrainingBudget.seconds(since: mark)
        }
    }

    /// Waits until every active part has finished the layers chunk `index` needs (acquiring
    /// their gradients); false at once when one of them has not begun (it may be queued on
    /// this very thread), or after `readinessPatience`.
    private func waitUntilReady(_ index: Int) -> Bool {
        let needed = chunks[index].layersNeeded
        for part in parts.prefix(active) where part.layersDone.load(ordering: .acquiring) < needed {
            guard part.started.load(ordering: .acquiring) else { return false }
        }
        var deadline: ContinuousClock.Instant?
        for part in parts.prefix(active) {
            var turn = 0
            while part.layersDone.load(ordering: .acquiring) < needed {
                turn += 1
                if turn % 64 == 0 {
                    let now = ContinuousClock.now
                    if deadline == nil { deadline = now + Self.readinessPatience } else if now > deadline! { return false }
                }
                ck_relax()
            }
        }
        return true
    }

    /// The `Decision` for the summed gradients: `sumOnly` without an optimizer, `diverged`
    /// when the batch's loss diverged, else `step` (with `update` set). Decided by the first
    /// thread to get here, which takes the optimizer's step; all parts' losses are in by then
    /// (a chunk is ready only after every part's backward pass has begun).
    private func decidedOutcome() -> Decision {
        while true {
            switch decision.load(ordering: .acquiring) {
            case .deciding:
                ck_relax()
            case .undecided:
                guard decision.compareExchange(expected: .undecided, desired: .deciding, ordering: .acquiring).exchanged else {
                    continue
                }
                var outcome = Decision.sumOnly
                if let optimizer {
                    if lossDiverged(batchLoss(), threshold: divergenceThreshold) {
                        outcome = .diverged
                    } else {
                        update = optimizer.beginStep(parts[0].parameters)
                        outcome = .step
                    }
                }
                decision.store(outcome, ordering: .releasing)
                return outcome
            case let decided:
                return decided
            }
        }
    }

    /// One chunk: part 0's gradient becomes the sum of all parts' (theirs cleared), then
    /// `step` (if any) updates part 0's values from it, clears it, and the values are copied
    /// into the other parts'.
    private func combine(_ chunk: Chunk, _ step: (any ParameterUpdate)?, _ pointers: ParameterPointers) {
        let index = chunk.parameter, start = chunk.elements.lowerBound, length = chunk.elements.count
        let gradient = pointers.gradient(part: 0, parameter: index), values = pointers.value(part: 0, parameter: index)
        for part in 1..<pointers.parts {
            ck_add_and_clear(gradient + start, pointers.gradient(part: part, parameter: index) + start, length)
        }
        guard let step else { return }
        step.apply(parameter: index, range: chunk.elements, values: values, gradients: gradient)
        (gradient + start).update(repeating: 0, count: length)
        for part in 1..<pointers.parts {
            (pointers.value(part: part, parameter: index) + start).update(from: values + start, count: length)
        }
    }

    /// The first element of each part's values and gradients (`value(part:parameter:)`,
    /// `gradient(part:parameter:)`), taken at the start of a step for whichever thread
    /// combines a chunk.
    ///
    /// The pointers outlive the accesses that produced them. That is sound within a step: no
    /// parameter array is replaced or resized, and each is uniquely referenced (the access
    /// that took its pointer made it so), so the layers' in-place reads and writes never copy
    /// one. Nor do two threads touch one element at once: a chunk is combined only after every
    /// part has finished its layer, which reads and writes those parameters no more that step.
    private struct ParameterPointers: @unchecked Sendable {
        let parts: Int
        /// Part-major: part `p`'s parameter `i` is at `p * parameterCount + i`.
        private let parameterCount: Int
        private let values: [UnsafeMutablePointer<Float>]
        private let gradients: [UnsafeMutablePointer<Float>]

        /// Every part's pointers. A parameter has at least one element (a layer has at least
        /// one unit), so every base address exists.
        init(_ parts: [Part]) {
            self.parts = parts.count
            let count = parts.first?.parameters.count ?? 0
            parameterCount = count
            precondition(parts.allSatisfy { $0.parameters.count == count },
                         "DataParallelStep: parts with different numbers of parameters")
            values = parts.flatMap { part in
                part.parameters.map { $0.value.scalars.withUnsafeMutableBufferPointer { $0.baseAddress! } }
            }
            gradients = parts.flatMap { part in
                part.parameters.map { $0.gradient.scalars.withUnsafeMutableBufferPointer { $0.baseAddress! } }
            }
        }

        func value(part: Int, parameter: Int) -> UnsafeMutablePointer<Float> { values[part * parameterCount + parameter] }
        func gradient(part: Int, parameter: Int) -> UnsafeMutablePointer<Float> {
            gradients[part * parameterCount + parameter]
        }
    }
}
