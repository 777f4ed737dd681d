/// A dense Float32 tensor: a shape and its scalars in row-major order.
///
/// Activations are NHWC (`[batch, height, width, channels]`); weights use Keras's
/// layouts (conv kernel `[kh, kw, cin, cout]`, dense kernel `[in, out]`).
///
/// Invariant: `scalars.count == shape.reduce(1, *)` and every dimension is >= 0.
public struct Tensor: Equatable, Sendable {
    /// The size of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order.
    public var scalars: [Float]

    /// Wraps `scalars` with `shape`; their counts must agree.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` filled with `value` (zero by default).
    public init(shape: [Int], repeating value: Float = 0) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// The number of elements.
    public var count: Int { scalars.count }

    /// The same scalars viewed with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }
}
