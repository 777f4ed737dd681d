import NeuralNet
import TensorCore

/// Gradient descent recovering a kernel from an image and its feature map, with the engine's
/// own pieces: a `Conv2D` (one filter, stride 1, no padding) holds the kernel being learned, its
/// `backward` gives dL/dK, and `SGD` (no momentum) applies `kernel = kernel - lr * dL/dK`,
/// exactly as `train` updates the tutorial model's weights.
///
/// Shapes: the image is `[1, H, W, 1]`, the kernel `[K, K, 1, 1]`, both feature maps
/// `[1, H-K+1, W-K+1, 1]`. The loss is the mean squared error over the n feature-map cells,
/// `L = (1/n) * sum (y - t)^2`, so `dL/dy = (2/n) * (y - t)`. The bias stays 0: only the
/// kernel is learned.
final class ConvLearning {
    let target: [[Double]]
    let size: Int
    let learningRate: Float
    private let layer: Conv2D
    private let optimizer: SGD
    private let image: Tensor
    /// The target kernel's feature map (computed by a second Conv2D).
    let targetMap: Tensor
    private(set) var map = Tensor.empty
    private var mapGradient = Tensor.empty
    private var unusedInputGradient = Tensor.empty
    private(set) var steps = 0

    /// `pixels` row-major, `rows` x `columns`, scaled to 0...1; `target` square, at most the image's size.
    init(pixels: [Float], rows: Int, columns: Int, target: [[Double]], learningRate: Float, seed: UInt64) throws {
        precondition(pixels.count == rows * columns && target.count == target.first?.count, "ConvLearning: \(rows)x\(columns), target \(target.count)")
        self.target = target
        size = target.count
        self.learningRate = learningRate
        var generator = SplitMix64(seed: seed)
        // Keras's Glorot-uniform draw for a 1-filter kernel: the start is random.
        layer = try Conv2D(filters: 1, kernelSize: size, inputShape: [rows, columns, 1], using: &generator)
        let reference = try Conv2D(filters: 1, kernelSize: size, inputShape: [rows, columns, 1], using: &generator)
        reference.kernel.value = Tensor(shape: [size, size, 1, 1], scalars: target.joined().map(Float.init))
        optimizer = SGD(learningRate: learningRate)
        image = Tensor(shape: [1, rows, columns, 1], scalars: pixels)
        var targetMap = Tensor.empty
        reference.forward(image, into: &targetMap, training: false, using: &generator)
        self.targetMap = targetMap
        layer.forward(image, into: &map, training: true, using: &generator)
        initialLoss = loss
    }

    /// The kernel as it is now, K x K.
    var kernel: [[Double]] {
        (0..<size).map { i in (0..<size).map { j in Double(layer.kernel.value.scalars[i * size + j]) } }
    }

    /// The feature map of the current kernel, as a matrix.
    var mapRows: Int { targetMap.shape[1] }
    var mapColumns: Int { targetMap.shape[2] }

    /// The mean squared error between the current feature map and the target's.
    var loss: Double {
        var sum = 0.0
        for (y, t) in zip(map.scalars, targetMap.scalars) { sum += Double(y - t) * Double(y - t) }
        return sum / Double(targetMap.count)
    }

    /// The largest |learned - target| over the kernel's weights, and where (row, column from 1).
    var largestDifference: (value: Double, row: Int, column: Int) {
        var best = (value: -1.0, row: 1, column: 1)
        for (i, row) in kernel.enumerated() {
            for (j, value) in row.enumerated() {
                let difference = value.isFinite ? abs(value - target[i][j]) : .infinity
                if difference > best.value { best = (difference, i + 1, j + 1) }
            }
        }
        return best
    }

    /// The loss's largest curvature (the largest eigenvalue of its Hessian, `(2/n) AᵀA` for
    /// the im2col matrix A of the image's K x K windows): gradient descent converges for
    /// `lr < 2 / curvature` and overshoots ever further beyond. Found by power iteration.
    static func largestCurvature(pixels: [Float], rows: Int, columns: Int, size: Int) -> Double {
        let outputRows = rows - size + 1, outputColumns = columns - size + 1, window = size * size
        guard outputRows > 0, outputColumns > 0 else { return 0 }
        var hessian = [Double](repeating: 0, count: window * window)
        var values = [Double](repeating: 0, count: window)
        for r in 0..<outputRows {
            for c in 0..<outputColumns {
                for i in 0..<size { for j in 0..<size { values[i * size + j] = Double(pixels[(r + i) * columns + c + j]) } }
                for a in 0..<window where values[a] != 0 { for b in 0..<window { hessian[a * window + b] += values[a] * values[b] } }
            }
        }
        let scale = 2 / Double(outputRows * outputColumns)
        var vector = [Double](repeating: 1, count: window), value = 0.0
        for _ in 0..<200 {
            var next = [Double](repeating: 0, count: window)
            for a in 0..<window { for b in 0..<window { next[a] += scale * hessian[a * window + b] * vector[b] } }
            value = (next.map { $0 * $0 }.reduce(0, +)).squareRoot()
            guard value > 0 else { return 0 }
            vector = next.map { $0 / value }
        }
        return value
    }

    /// The loss before the first step.
    private(set) var initialLoss = 0.0

    /// True once the loss has blown up (a learning rate too large for this image): a million
    /// times the starting loss, or not a number.
    var hasDiverged: Bool { !(loss <= max(initialLoss, 1e-12) * 1e6) }

    /// One step: dL/dy, the Conv2D's backward for dL/dK, SGD's update, the new feature map.
    func step() {
        let scale = 2 / Float(targetMap.count)
        mapGradient.resize(to: map.shape)
        for index in 0..<map.count { mapGradient.scalars[index] = scale * (map.scalars[index] - targetMap.scalars[index]) }
        layer.kernel.zeroGradient()
        layer.backward(input: image, output: map, outputGradient: mapGradient, inputGradient: &unusedInputGradient,
                       computeInputGradient: false)
        optimizer.update([layer.kernel])
        var unused = SplitMix64(seed: 0)
        layer.forward(image, into: &map, training: true, using: &unused)
        steps += 1
    }
}
