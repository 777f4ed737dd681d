import Testing
import TensorCore
@testable import NeuralNet

/// 8x8 images of four classes: class k is noise plus a bright 3x3 patch in quadrant k.
func quadrantExamples(count: Int, seed: UInt64) -> TensorExamples {
    var generator = SplitMix64(seed: seed)
    var scalars = [Float](repeating: 0, count: count * 64)
    var labels: [Int32] = []
    for n in 0..<count {
        let label = Int(generator.next() % 4)
        labels.append(Int32(label))
        for pixel in 0..<64 { scalars[n * 64 + pixel] = generator.nextUnitFloat() * 0.3 }
        let top = (label / 2) * 4, left = (label % 2) * 4
        for row in top..<top + 3 { for column in left..<left + 3 { scalars[n * 64 + row * 8 + column] += 1 } }
    }
    return TensorExamples(images: Tensor(shape: [count, 8, 8, 1], scalars: scalars), labels: labels)
}

func smallModel(seed: UInt64) throws -> Sequential {
    var generator = SplitMix64(seed: seed)
    let model = Sequential(inputShape: [8, 8, 1])
    model.add(try Conv2D(filters: 4, kernelSize: 3, stride: 2, activation: .relu, inputShape: [8, 8, 1], using: &generator))
    model.add(try Flatten(inputShape: model.outputShape))
    model.add(try Dropout(rate: 0.2, inputShape: model.outputShape))
    model.add(try Dense(units: 4, activation: .softmax, inputShape: model.outputShape, using: &generator))
    return model
}

@Suite struct TrainerTests {
    @Test func learnsASimpleTaskAndRecordsHistory() throws {
        let model = try smallModel(seed: 1)
        let trainer = Trainer(model: model, optimizer: Adam(learningRate: 0.01))
        var generator = SplitMix64(seed: 2)
        var history = TrainingHistory()
        var steps: [Int] = []
        let outcome = trainer.train(on: quadrantExamples(count: 256, seed: 3), validation: quadrantExamples(count: 100, seed: 4),
                                    epochs: 6, batchSize: 32, using: &generator, history: &history,
                                    progress: { steps.append($0.step) })
        #expect(outcome == .completed)
        #expect(steps == Array(repeating: Array(1...8), count: 6).flatMap { $0 })
        #expect(history.epochs == 6 && history.validationAccuracy.count == 6)
        #expect(history.loss[5] < history.loss[0], "loss \(history.loss)")
        #expect(history.validationAccuracy[5] > 0.9, "validation accuracy \(history.validationAccuracy)")
    }

    @Test func theTimeBudgetCoversEveryLayerAndAddsUpToTheEpochs() throws {
        let model = try smallModel(seed: 1)
        let trainer = Trainer(model: model, optimizer: Adam())
        let budget = TrainingBudget(layerNames: model.layers.map(\.name))
        trainer.budget = budget
        var generator = SplitMix64(seed: 2)
        var history = TrainingHistory()
        var epochSeconds = 0.0
        _ = trainer.train(on: quadrantExamples(count: 256, seed: 3), validation: quadrantExamples(count: 100, seed: 4),
                          epochs: 2, batchSize: 32, using: &generator, history: &history,
                          epochEnded: { epochSeconds += $0.seconds })
        #expect(budget.epochs == 2 && budget.total == epochSeconds)
        #expect(budget.forward.allSatisfy { $0 > 0 } && budget.backward.allSatisfy { $0 > 0 }, "\(budget.forward) \(budget.backward)")
        #expect(budget.optimizer > 0 && budget.validation > 0 && budget.data > 0 && budget.loss > 0)
        // The parts lie inside the epochs and do not overlap: what no part measures is never
        // negative. (How small it is depends on the machine's load: `make bench` shows it; a
        // bound here would be a timed test.)
        #expect(budget.other >= -1e-9, "other \(budget.other) of \(budget.total)")
        // Inference afterwards is not counted.
        let forward = budget.forward
        _ = model.predict(quadrantExamples(count: 10, seed: 5).images)
        #expect(budget.forward == forward)
    }

    @Test func sameSeedSameWeightsOtherSeedOtherWeights() throws {
        func train(seed: UInt64) throws -> [Float] {
            let model = try smallModel(seed: seed)
            var generator = SplitMix64(seed: seed)
            var history = TrainingHistory()
            _ = Trainer(model: model, optimizer: Adam()).train(
                on: quadrantExamples(count: 100, seed: 5), validation: Optional<TensorExamples>.none,
                epochs: 2, batchSize: 16, using: &generator, history: &history)
            return model.parameters.flatMap(\.value.scalars)
        }
        let first = try train(seed: 7)
        #expect(first == (try train(seed: 7)))
        #expect(first != (try train(seed: 8)))
    }

    @Test func divergenceStopsWithTheLossAndKeepsHistory() throws {
        let model = try smallModel(seed: 1)
        var generator = SplitMix64(seed: 2)
        var history = TrainingHistory()
        let outcome = Trainer(model: model, optimizer: SGD(learningRate: 1e6)).train(
            on: quadrantExamples(count: 256, seed: 3), validation: Optional<TensorExamples>.none,
            epochs: 2, batchSize: 32, using: &generator, history: &history)
        guard case .diverged(let loss, let epoch, let step) = outcome else {
            Issue.record("expected divergence, got \(outcome)")
            return
        }
        #expect(!(loss <= 1000) && epoch == 1 && step > 1, "loss \(loss) at \(epoch):\(step)")
        #expect(history.epochs == 0)
    }

    @Test func shouldStopEndsAfterTheCurrentBatch() throws {
        let model = try smallModel(seed: 1)
        var generator = SplitMix64(seed: 2)
        var history = TrainingHistory()
        var calls = 0
        let outcome = Trainer(model: model, optimizer: Adam()).train(
            on: quadrantExamples(count: 256, seed: 3), validation: Optional<TensorExamples>.none,
            epochs: 3, batchSize: 32, using: &generator, history: &history,
            shouldStop: { calls += 1; return calls == 11 })
        #expect(outcome == .interrupted(epoch: 2, step: 3))
        #expect(history.epochs == 1)
    }

    @Test func evaluateCountsCorrectPredictions() throws {
        let model = try smallModel(seed: 1)
        let examples = quadrantExamples(count: 77, seed: 9)
        let evaluation = model.evaluate(examples, batchSize: 10)
        #expect(evaluation.count == 77 && evaluation.probabilities.shape == [77, 4])
        let correct = zip(evaluation.predictedLabels, examples.labels).filter { $0 == $1 }.count
        #expect(abs(evaluation.accuracy - Double(correct) / 77) < 1e-12)
        let byLogits = SoftmaxCrossEntropy.loss(logits: model.logits(examples.images), labels: examples.labels)
        #expect(abs(evaluation.loss - Double(byLogits.loss)) < 1e-5)
        #expect(correct == byLogits.correct)
    }

    /// The batches shared out over the model and replicas (more parts than cores too) give
    /// exactly the figures of the model alone: each batch lands in its own rows, and the loss
    /// is summed in batch order.
    @Test(arguments: [2, 3])
    func evaluatingOnSeveralCoresGivesTheSameFigures(parts: Int) throws {
        let model = try smallModel(seed: 1)
        let examples = quadrantExamples(count: 77, seed: 9)
        let alone = model.evaluate(examples, batchSize: 10, on: [model])
        let replicas = try (1..<parts).map { _ in try #require(model.replica()) }
        let shared = model.evaluate(examples, batchSize: 10, on: [model] + replicas)
        #expect(shared.loss == alone.loss && shared.accuracy == alone.accuracy)
        #expect(shared.predictedLabels == alone.predictedLabels && shared.trueLabels == examples.labels)
        #expect(shared.probabilities == alone.probabilities)
        #expect(model.evaluate(examples, batchSize: 10).probabilities == alone.probabilities)
    }
}
