import NeuralNet

/// One `train` command as an experiment: what was trained, how, and what came of it.
///
/// A plain value (Codable), so the notebook can save it with the rest of a lesson's state.
/// `history` holds this run's epochs only; `firstEpoch` is the model's epoch number of the
/// first of them (1 for a fresh model; later when `train` continued an already trained one).
public struct TrainingRun: Codable, Equatable, Sendable {
    /// Numbered from 1 in the order the runs were made.
    public var number: Int
    /// What `train ... name=NAME` called it, if anything.
    public var name: String?
    /// The model's `add` lines and its parameter count.
    public var architecture: [String]
    public var parameters: Int
    /// Keras's optimizer name (`adam`, `sgd`) and learning rate.
    public var optimizer: String
    public var learningRate: Double
    public var batchSize: Int
    public var seed: Int
    /// Training images per epoch (fewer than the set with `limit=` or in quick mode).
    public var examplesPerEpoch: Int
    /// The model's epoch number of this run's first epoch.
    public var firstEpoch: Int
    /// The metrics of this run's completed epochs.
    public var history: TrainingHistory
    /// Wall-clock seconds the run took.
    public var seconds: Double
    /// How the run ended when it did not complete: "stopped" (Ctrl-C) or "diverged".
    public var ending: String?

    /// Completed epochs.
    public var epochs: Int { history.epochs }

    /// "run 3" or "run 3 (no dropout)": how charts and messages name it.
    public var label: String { name.map { "run \(number) (\($0))" } ?? "run \(number)" }
}

/// Every run of a notebook (the free REPL's, or a lesson's), oldest first.
public struct TrainingRuns: Codable, Equatable, Sendable {
    public var runs: [TrainingRun] = []

    public init() {}

    /// The number the next run gets.
    public var nextNumber: Int { (runs.last?.number ?? 0) + 1 }

    public mutating func append(_ run: TrainingRun) { runs.append(run) }
}
