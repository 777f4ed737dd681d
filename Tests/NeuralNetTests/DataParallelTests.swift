import Testing
import TensorCore
@testable import NeuralNet

/// The data-parallel step (`DataParallelStep`, `Sequential.replica`) against the whole batch.
@Suite struct DataParallelTests {
    /// Conv (direct and im2col paths), pooling, flatten, dense: every kind a replica copies,
    /// without dropout so that the parts draw nothing.
    func model(seed: UInt64) throws -> Sequential {
        var generator = SplitMix64(seed: seed)
        let model = Sequential(inputShape: [8, 8, 1])
        model.add(try Conv2D(filters: 6, kernelSize: 3, activation: .relu, inputShape: [8, 8, 1], using: &generator))
        model.add(try Conv2D(filters: 5, kernelSize: 3, padding: .same, inputShape: model.outputShape, using: &generator))
        model.add(try ReLU(inputShape: model.outputShape))
        model.add(try MaxPooling2D(poolSize: 2, inputShape: model.outputShape))
        model.add(try Flatten(inputShape: model.outputShape))
        model.add(try Dense(units: 7, activation: .relu, inputShape: model.outputShape, using: &generator))
        model.add(try Dense(units: 4, activation: .softmax, inputShape: model.outputShape, using: &generator))
        return model
    }

    @Test func aReplicaHasTheSameLayersAndValues() throws {
        let original = try model(seed: 1)
        let replica = try #require(original.replica())
        #expect(replica.layers.map(\.name) == original.layers.map(\.name))
        #expect(replica.parameters.map(\.value) == original.parameters.map(\.value))
        #expect(!zip(replica.parameters, original.parameters).contains { $0 === $1 })
    }

    /// Halves of 16 and 17 examples (and a batch of 10, which one part runs while the others
    /// keep zero gradients): the summed gradients are the whole batch's up to the rounding of
    /// sums over rows; the loss and the count of correct examples agree.
    @Test(arguments: [2, 3], [32, 33, 10])
    func gradientsEqualTheWholeBatchs(parts: Int, batch: Int) throws {
        let data = quadrantExamples(count: 40, seed: 3)
        let indices = Array(0..<40)[4..<(4 + batch)]
        let whole = try model(seed: 2)
        var images = Tensor.empty, labels: [Int32] = [], logitGradient = Tensor.empty
        data.fill(indices: indices, images: &images, labels: &labels)
        var unused = SplitMix64(seed: 0)
        whole.zeroGradients()
        let (loss, correct) = SoftmaxCrossEntropy.lossAndGradient(logits: whole.trainingLogits(images, using: &unused),
                                                                 labels: labels, gradient: &logitGradient)
        whole.backward(logitGradient: logitGradient)

        let split = try model(seed: 2)
        let step = try #require(DataParallelStep(model: split, parts: parts))
        var generator = SplitMix64(seed: 9)
        let (splitLoss, splitCorrect) = step.sumGradients(indices, from: data, using: &generator)
        #expect(abs(splitLoss - loss) <= 1e-6 * max(1, loss) && splitCorrect == correct, "\(splitLoss) vs \(loss)")
        for (index, (a, b)) in zip(split.parameters, whole.parameters).enumerated() {
            let scale = max(b.gradient.scalars.map(abs).max() ?? 0, 1e-6)
            let worst = zip(a.gradient.scalars, b.gradient.scalars).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-5 * scale, "parameter \(index) \(b.name): largest difference \(worst) of \(scale)")
        }
        for part in step.parts.dropFirst() {
            #expect(part.model.parameters.allSatisfy { $0.gradient.scalars.allSatisfy { $0 == 0 } })
        }
    }

    /// One SGD step (linear in the gradient) in parts against one on the whole batch: the same new weights up to the
    /// rounding of the gradients' sums, the replicas holding exactly the trained model's
    /// values, and every part's gradients cleared for the next step. A model of more elements
    /// than the chunk a core updates at a time, so that the shares cut a parameter.
    @Test(arguments: [2, 3])
    func anUpdateInPartsEqualsTheWholeBatchs(parts: Int) throws {
        func wideModel() throws -> Sequential {
            var generator = SplitMix64(seed: 5)
            let model = Sequential(inputShape: [8, 8, 1])
            model.add(try Flatten(inputShape: [8, 8, 1]))
            model.add(try Dense(units: 130, activation: .relu, inputShape: model.outputShape, using: &generator))
            model.add(try Dense(units: 4, activation: .softmax, inputShape: model.outputShape, using: &generator))
            return model
        }
        let data = quadrantExamples(count: 40, seed: 3)
        let indices = Array(0..<40)[0..<32]
        let whole = try wideModel(), wholeOptimizer = SGD(learningRate: 0.1, momentum: 0.9)
        var images = Tensor.empty, labels: [Int32] = [], logitGradient = Tensor.empty
        data.fill(indices: indices, images: &images, labels: &labels)
        var unused = SplitMix64(seed: 0)
        whole.zeroGradients()
        _ = SoftmaxCrossEntropy.lossAndGradient(logits: whole.trainingLogits(images, using: &unused),
                                                labels: labels, gradient: &logitGradient)
        whole.backward(logitGradient: logitGradient)
        wholeOptimizer.update(whole.parameters)

        let split = try wideModel(), splitOptimizer = SGD(learningRate: 0.1, momentum: 0.9)
        let step = try #require(DataParallelStep(model: split, parts: parts))
        var generator = SplitMix64(seed: 9)
        _ = step.take(indices, from: data, optimizer: splitOptimizer, divergenceThreshold: 1000,
                      using: &generator, budget: nil)
        #expect(splitOptimizer.iterations == 1)
        for (a, b) in zip(split.parameters, whole.parameters) {
            let worst = zip(a.value.scalars, b.value.scalars).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-5, "\(b.name): largest difference \(worst)")
        }
        for part in step.parts {
            #expect(part.model.parameters.map(\.value) == split.parameters.map(\.value))
            #expect(part.model.parameters.allSatisfy { $0.gradient.scalars.allSatisfy { $0 == 0 } })
        }
    }

    /// A step whose loss diverged changes nothing: not the values (the model's or the
    /// replicas'), not the optimizer's step count.
    @Test(arguments: [2, 3])
    func aDivergedStepUpdatesNothing(parts: Int) throws {
        let split = try model(seed: 2)
        let before = split.parameters.map(\.value)
        let optimizer = Adam(learningRate: 0.01)
        let step = try #require(DataParallelStep(model: split, parts: parts))
        var generator = SplitMix64(seed: 9)
        let (loss, _) = step.take(Array(0..<32)[...], from: quadrantExamples(count: 40, seed: 3), optimizer: optimizer,
                                  divergenceThreshold: 0.01, using: &generator, budget: nil)
        #expect(loss > 0.01)
        #expect(optimizer.iterations == 0)
        for part in step.parts { #expect(part.model.parameters.map(\.value) == before) }
    }

    /// A step taken while the worker team is busy (here: from inside one of its jobs) runs
    /// every part and chunk on its own thread, one after the other, and gives the same weights
    /// as a step with the team free.
    @Test(arguments: [2, 3])
    func aStepInsideABusyTeamFinishesAlike(parts: Int) throws {
        func stepWeights(insideAJob: Bool) throws -> [[Float]] {
            let split = try model(seed: 2)
            let step = try #require(DataParallelStep(model: split, parts: parts))
            let optimizer = Adam(learningRate: 0.01)
            let data = quadrantExamples(count: 40, seed: 3)
            let take = {
                var generator = SplitMix64(seed: 9)
                for _ in 0..<3 {
                    _ = step.take(Array(0..<32)[...], from: data, optimizer: optimizer, divergenceThreshold: 1000,
                                  using: &generator, budget: nil)
                }
            }
            if insideAJob {
                nonisolated(unsafe) let run = take
                WorkerTeam.shared.forEach(WorkerTeam.shared.threadCount) { index in if index == 0 { run() } }
            } else {
                take()
            }
            #expect(optimizer.iterations == 3)
            for part in step.parts.dropFirst() {
                #expect(part.model.parameters.map(\.value) == split.parameters.map(\.value))
            }
            return split.parameters.map(\.value.scalars)
        }
        #expect(try stepWeights(insideAJob: true) == stepWeights(insideAJob: false))
    }

    /// Two parts through the Trainer (whatever the machine's core count): the same seed gives
    /// the same weights, and the model still learns.
    @Test func trainingInPartsIsReproducibleAndLearns() throws {
        func train(seed: UInt64) throws -> (weights: [Float], accuracy: Double) {
            let model = try smallModel(seed: seed)
            let trainer = Trainer(model: model, optimizer: Adam(learningRate: 0.01))
            trainer.parallelParts = 2
            var generator = SplitMix64(seed: seed)
            var history = TrainingHistory()
            _ = trainer.train(on: quadrantExamples(count: 256, seed: 3), validation: quadrantExamples(count: 100, seed: 4),
                              epochs: 6, batchSize: 32, using: &generator, history: &history)
            return (model.parameters.flatMap(\.value.scalars), history.validationAccuracy.last ?? 0)
        }
        let first = try train(seed: 7)
        #expect(first.weights == (try train(seed: 7)).weights)
        #expect(first.accuracy > 0.9, "validation accuracy \(first.accuracy)")
    }

    /// An epoch ending in a batch too small to split (264 = 8 x 32 + 8) still keeps the
    /// replicas' values equal to the model's: the validation, shared out over them, gives the
    /// figures of the model alone.
    @Test func aShortLastBatchKeepsTheReplicasInStep() throws {
        let model = try smallModel(seed: 3)
        let trainer = Trainer(model: model, optimizer: Adam(learningRate: 0.01))
        trainer.parallelParts = 2
        trainer.validationBatchSize = 25
        let validation = quadrantExamples(count: 100, seed: 4)
        var generator = SplitMix64(seed: 5)
        var history = TrainingHistory()
        let outcome = trainer.train(on: quadrantExamples(count: 264, seed: 3), validation: validation,
                                    epochs: 2, batchSize: 32, using: &generator, history: &history)
        #expect(outcome == .completed)
        let validated = try #require(trainer.lastValidation)
        let alone = model.evaluate(validation, batchSize: 25, on: [model])
        #expect(validated.loss == alone.loss && validated.probabilities == alone.probabilities)
    }
}
