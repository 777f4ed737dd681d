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
    /// Starts one step over `parameters`: counts it, allocates the state on the first step,
    /// and returns the update to apply to every element of every parameter exactly once
    /// (`update(_:)` does that on the calling thread; a data-parallel step splits it).
    func beginStep(_ parameters: [Parameter]) -> any ParameterUpdate
    /// The per-parameter state by name (Adam's `m` and `v`, SGD's `velocity`), one array per
    /// parameter in order; empty before the first step. With `iterations`, all a resumed run needs.
    var slots: [String: [[Float]]] { get }
    /// Puts back `iterations` and `slots` as they were read from `slots` (a lesson resumed
    /// after the program was started again). Slots of another optimizer kind are ignored.
    func restore(iterations: Int, slots: [String: [[Float]]])
}

/// One step of an optimizer, element by element: applying it to disjoint ranges from several
/// threads at once gives the same result as applying it to the whole of every parameter.
public protocol ParameterUpdate: Sendable {
    /// Updates elements `range` of parameter `index` (its position in the list given to
    /// `beginStep`), whose values and gradients start at `values` and `gradients`.
    func apply(parameter index: Int, range: Range<Int>,
               values: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>)
}

extension Optimizer {
    /// Applies one update to every parameter from its `gradient`, on the calling thread.
    public func update(_ parameters: [Parameter]) {
        let step = beginStep(parameters)
        for (index, parameter) in parameters.enumerated() {
            parameter.value.scalars.withUnsafeMutableBufferPointer { w in
                parameter.gradient.scalars.withUnsafeBufferPointer { g in
                    guard let wp = w.baseAddress, let gp = g.baseAddress else { return }
                    step.apply(parameter: index, range: 0..<w.count, values: wp, gradients: gp)
                }
            }
        }
    }
}
