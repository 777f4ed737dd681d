/// Updates parameters from their accumulated gradients, one step at a time.
///
/// An optimizer keeps per-parameter state (moments, velocities) matched to the parameters by
/// position, so it must always be given the same list, in the same order.
public protocol Optimizer: AnyObject {
    /// Keras's name: `adam`, `sgd`.
    var name: String { get }
    var learningRate: Float { get set }
    /// Steps taken so far (Keras's `iterations`).
    var iterations: Int { get }
    /// Applies one update to every parameter from its `gradient`.
    func update(_ parameters: [Parameter])
}
