import TensorCore

/// Keras's default kernel initializer: uniform in `[-limit, limit]`, with
/// `limit = sqrt(6 / (fanIn + fanOut))` (Glorot and Bengio, 2010).
///
/// Keras computes the fans of a conv kernel `[kh, kw, cin, cout]` as `kh * kw * cin` and
/// `kh * kw * cout`, and of a dense kernel `[in, out]` as `in` and `out`.
public enum GlorotUniform {
    /// `limit` for the given fans.
    public static func limit(fanIn: Int, fanOut: Int) -> Float {
        Float((6.0 / Double(fanIn + fanOut)).squareRoot())
    }

    /// Keras's fans for a kernel of `shape` (2-D dense or 4-D conv).
    public static func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        let receptiveField = shape.dropLast(2).reduce(1, *)
        return (receptiveField * shape[shape.count - 2], receptiveField * shape[shape.count - 1])
    }

    /// A kernel of `shape` with Glorot-uniform values.
    public static func kernel(shape: [Int], using generator: inout some RandomNumberGenerator) -> Tensor {
        let (fanIn, fanOut) = fans(of: shape)
        let bound = limit(fanIn: fanIn, fanOut: fanOut)
        let count = shape.reduce(1, *)
        var scalars = [Float](repeating: 0, count: count)
        // 24 random bits per value: uniform on [-bound, bound) (Float.random(in:) is 5x slower,
        // which showed as 4% of a short training run).
        for index in 0..<count {
            scalars[index] = (Float(generator.next() >> 40) * 0x1p-23 - 1) * bound
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}
