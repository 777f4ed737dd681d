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
    /// The per-parameter state by name (Adam's `m` and `v`, SGD's `velocity`), one array per
    /// parameter in order; empty before the first step. With `iterations`, all a resumed run needs.
    var slots: [String: [[Float]]] { get }
    /// Puts back `iterations` and `slots` as they were read from `slots` (a lesson resumed
    /// after the program was started again). Slots of another optimizer kind are ignored.
    func restore(iterations: Int, slots: [String: [[Float]]])
}
