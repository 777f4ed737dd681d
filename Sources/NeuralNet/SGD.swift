/// Keras's `SGD`, with optional momentum (not Nesterov), and Keras's defaults
/// (learning rate 0.01, momentum 0).
///
/// For each parameter `w` with gradient `g` and velocity `u` (starting at zero):
///
///     u = momentum * u - lr * g
///     w = w + u
///
/// Without momentum this is `w = w - lr * g`.
public final class SGD: Optimizer {
    public let name = "sgd"
    public var learningRate: Float
    public let momentum: Float
    public private(set) var iterations = 0

    /// The velocity of every parameter element, nil before the first step.
    private var velocities: SlotBuffer?

    public init(learningRate: Float = 0.01, momentum: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public var slots: [String: [[Float]]] { velocities.map { ["velocity": $0.arrays] } ?? [:] }

    public func restore(iterations: Int, slots: [String: [[Float]]]) {
        guard let velocity = slots["velocity"] else { return }
        self.iterations = max(0, iterations)
        velocities = SlotBuffer(velocity)
    }

    public func beginStep(_ parameters: [Parameter]) -> any ParameterUpdate {
        let counts = parameters.map(\.value.count)
        if velocities == nil { velocities = SlotBuffer(counts: counts) }
        guard let velocities, velocities.fits(counts: counts) else {
            preconditionFailure("SGD: given \(parameters.map(\.value.shape)), but its state was made for other parameters")
        }
        iterations += 1
        return Step(learningRate: learningRate, momentum: momentum, velocities: velocities)
    }

    /// One step's constants and the velocities it updates.
    private struct Step: ParameterUpdate {
        let learningRate: Float, momentum: Float
        let velocities: SlotBuffer

        func apply(parameter index: Int, range: Range<Int>,
                   values w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>) {
            let u = velocities.pointer(index)
            for i in range {
                u[i] = momentum * u[i] - learningRate * g[i]
                w[i] += u[i]
            }
        }
    }
}
