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

    private var velocities: [[Float]] = []

    public init(learningRate: Float = 0.01, momentum: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public var slots: [String: [[Float]]] { velocities.isEmpty ? [:] : ["velocity": velocities] }

    public func restore(iterations: Int, slots: [String: [[Float]]]) {
        guard let velocity = slots["velocity"] else { return }
        self.iterations = max(0, iterations)
        velocities = velocity
    }

    public func update(_ parameters: [Parameter]) {
        if velocities.isEmpty {
            velocities = parameters.map { [Float](repeating: 0, count: $0.value.count) }
        }
        precondition(velocities.count == parameters.count && zip(velocities, parameters).allSatisfy { $0.count == $1.value.count },
                     "SGD: given \(parameters.map(\.value.shape)), but its state was made for other parameters")
        iterations += 1
        let learningRate = self.learningRate, momentum = self.momentum
        for (index, parameter) in parameters.enumerated() {
            parameter.value.scalars.withUnsafeMutableBufferPointer { w in
                parameter.gradient.scalars.withUnsafeBufferPointer { g in
                    velocities[index].withUnsafeMutableBufferPointer { u in
                        for i in 0..<w.count {
                            u[i] = momentum * u[i] - learningRate * g[i]
                            w[i] += u[i]
                        }
                    }
                }
            }
        }
    }
}
