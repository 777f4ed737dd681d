import Foundation
import NeuralNet

/// Records a `train` command as a `TrainingRun`, from outside the Trainer: what the workspace
/// holds when training starts, and what its history gained when it ends.
struct RunRecorder {
    private let started = Date()
    private let firstEpochIndex: Int
    private var run: TrainingRun

    /// Notes the run about to start on `workspace`'s model and optimizer.
    init(workspace: Workspace, model: Sequential, optimizer: any Optimizer, name: String?,
         batchSize: Int, seed: Int, examplesPerEpoch: Int) {
        firstEpochIndex = workspace.history.epochs
        run = TrainingRun(number: workspace.runs.nextNumber, name: name, architecture: workspace.architecture,
                          parameters: model.parameterCount, optimizer: optimizer.name,
                          learningRate: Double(optimizer.learningRate), batchSize: batchSize, seed: seed,
                          examplesPerEpoch: examplesPerEpoch, firstEpoch: firstEpochIndex + 1,
                          history: TrainingHistory(), seconds: 0, ending: nil)
    }

    /// Adds the run to `workspace.runs`: the epochs its history gained, the time it took,
    /// and how it ended when it did not complete.
    func finish(in workspace: Workspace, outcome: Trainer.Outcome) {
        var run = self.run
        switch outcome {
        case .completed: run.ending = nil
        case .interrupted: run.ending = "stopped"
        case .diverged: run.ending = "diverged"
        }
        let history = workspace.history
        let kept = min(firstEpochIndex, history.epochs)
        func tail(_ values: [Double]) -> [Double] { values.count > kept ? Array(values[kept...]) : [] }
        run.history.loss = tail(history.loss)
        run.history.accuracy = tail(history.accuracy)
        run.history.validationLoss = tail(history.validationLoss)
        run.history.validationAccuracy = tail(history.validationAccuracy)
        run.seconds = Date().timeIntervalSince(started)
        workspace.runs.append(run)
    }
}
