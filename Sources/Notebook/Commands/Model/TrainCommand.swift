import Datasets
import Foundation
import NeuralNet
import TensorCore

/// `train`: train on Fashion-MNIST with validation
enum TrainCommand: Command {
    static let name = "train"
    static let changes = ScopeChange.model
    /// The tutorial's `model.fit` settings: what `train` does when not told otherwise.
    static let defaultEpochs = 10, defaultBatchSize = 32, defaultSeed = 1
    static let forms = [
        CommandForm(options: [.keyword("epochs", "\(defaultEpochs)", .integer(1...1000)),
                              .keyword("batch", "\(defaultBatchSize)", .integer(1...10_000)),
                              .seed, .keyword("limit", "N", .integer(1...10_000_000)), .keyword("name", "NAME", .text),
                              .flag("profile")]),
    ]
    static let summary = "train on Fashion-MNIST with validation"
    static let discussion = """
        model.fit(x_train, y_train, epochs=10, batch_size=32,
        validation_data=(x_test, y_test)): each epoch goes once through the training
        images in a new random order, 'batch' at a time, one optimizer step per batch, and
        then measures the loss and accuracy on the test images (val_loss, val_accuracy).
          epochs=N   how many passes (default \(defaultEpochs))
          batch=N    images per step (default \(defaultBatchSize))
          seed=N     fixes the run: the shuffling, the dropout and, for a model not yet
                     trained, its initial weights (default \(defaultSeed))
          limit=N    train on the first N images only (a quicker, rougher run)
          name=NAME  a name for the run in 'runs' and 'plot compare'
          profile    then print where the time went: each layer's forward and
                     backward pass, loss, data, optimizer, waiting between cores,
                     validation, per epoch
        Needs 'compile' first; loads the data if 'data' was not run. Training again
        continues from the current weights. Ctrl-C stops after the current batch and keeps
        the model and the history of the finished epochs. A loss that turns into NaN or
        explodes stops training: lower the learning rate.
        """
    static let examples = ["train epochs=10 seed=1", "train epochs=2 limit=2000 name=\"quick run\" profile"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let profiles = invocation.flag("profile")
        let epochs = invocation.integer("epochs") ?? defaultEpochs
        let batchSize = invocation.integer("batch") ?? defaultBatchSize
        let seed = invocation.integer("seed") ?? defaultSeed
        let limit = invocation.integer("limit")
        let name = try RunName.parse(invocation.word("name"))
        let workspace = session.workspace
        let model = try workspace.requireClassifier()
        guard let optimizer = workspace.optimizer else {
            throw CommandError("the model is not compiled; 'compile' (Adam) or 'compile sgd' first")
        }
        try workspace.checkMemory(of: model, batchSize: batchSize)
        let training = try workspace.requireTrainingSet(in: session, for: model)
        if let testSet = workspace.testSet { try workspace.checkFit(testSet, to: model, set: "validation (test)") }
        let validation = workspace.testSet.map(ImageExamples.init)
        var examples = min(limit ?? training.count, training.count)
        if session.isQuick {
            // Tests and CI: about 300 steps in all, however many epochs.
            examples = min(examples, max(batchSize, 300 * batchSize / epochs))
        }
        if workspace.weightsAreFresh {
            var initialization = SplitMix64(seed: UInt64(seed))
            model.initializeParameters(using: &initialization)
        }
        var generator = SplitMix64(seed: UInt64(seed) &+ 0x7EA1_1AB5)
        let steps = (examples + batchSize - 1) / batchSize
        session.console.line("training on \(NumberFormat.grouped(examples)) images"
                             + (validation.map { ", validating on \(NumberFormat.grouped($0.count))" } ?? "")
                             + "; \(NumberFormat.grouped(steps)) steps of \(batchSize) per epoch; seed \(seed)")
        let trainer = Trainer(model: model, optimizer: optimizer)
        let budget = profiles ? TrainingBudget(layerNames: model.layers.map(\.name)) : nil
        trainer.budget = budget
        trainer.validationBatchSize = workspace.inferenceBatchSize(for: model)
        let display = TrainingDisplay(console: session.console)
        let recorder = RunRecorder(workspace: workspace, model: model, optimizer: optimizer, name: name,
                                   batchSize: batchSize, seed: seed, examplesPerEpoch: examples)
        Interruption.clear()
        let outcome = trainer.train(on: ImageExamples(images: training), validation: validation,
                                    epochs: epochs, batchSize: batchSize, examplesPerEpoch: examples,
                                    using: &generator, history: &workspace.history,
                                    progress: display.update, epochEnded: display.finish,
                                    shouldStop: { Interruption.isRequested })
        recorder.finish(in: workspace, outcome: outcome)
        workspace.weightsAreFresh = false
        if let budget { for line in TrainingBudgetTable.lines(budget) { session.console.line(line) } }
        workspace.lastEvaluation = nil
        switch outcome {
        case .completed:
            workspace.lastEvaluation = trainer.lastValidation
        case let .interrupted(epoch, step):
            display.abandon()
            Interruption.clear()
            let kept = workspace.history.epochs
            session.console.line("stopped (Ctrl-C) after step \(step)/\(steps) of epoch \(epoch); the model keeps its weights"
                                 + " and the history its \(kept) finished epoch\(kept == 1 ? "" : "s")")
        case let .diverged(loss, epoch, step):
            display.abandon()
            let value = loss.isNaN ? "nan" : (loss.isInfinite ? "inf" : String(format: "%.3g", Double(loss)))
            let smaller = min(Double(optimizer.learningRate) / 10, optimizer is SGD ? 0.01 : 0.001)
            throw CommandError("loss diverged to \(value) at epoch \(epoch), step \(step); try a smaller learning rate "
                               + "(e.g. compile \(optimizer.name) lr=\(NumberFormat.decimal(smaller, maximumFractionDigits: 8)))")
        }
    }
}
