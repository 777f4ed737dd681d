/// What `fit` returns in Keras: per completed epoch, the training loss and accuracy (means
/// over the epoch's batches) and the validation loss and accuracy.
///
/// Coded with Keras's keys (`loss`, `accuracy`, `val_loss`, `val_accuracy`) so that a saved
/// history reads like `history.history`. Epochs stopped part-way are not recorded.
public struct TrainingHistory: Codable, Equatable, Sendable {
    public var loss: [Double] = []
    public var accuracy: [Double] = []
    public var validationLoss: [Double] = []
    public var validationAccuracy: [Double] = []

    public init() {}

    /// Completed epochs.
    public var epochs: Int { loss.count }

    enum CodingKeys: String, CodingKey {
        case loss, accuracy
        case validationLoss = "val_loss"
        case validationAccuracy = "val_accuracy"
    }
}
