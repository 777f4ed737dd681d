import TensorCore

/// The element-wise tail shared by Conv2D and Dense: bias plus activation in one pass over a
/// `[rows, units]` matrix, and its gradient.
enum BiasActivation {
    /// `y[r, u] = act(y[r, u] + bias[u])` in place, for `linear` and `relu`; `softmax` adds the
    /// bias and normalises each row.
    static func apply(bias: UnsafeBufferPointer<Float>, activation: Activation, rows: Int,
                      to y: UnsafeMutableBufferPointer<Float>) {
        let units = bias.count
        precondition(y.count == rows * units, "bias/activation: \(y.count) outputs, expected \(rows) x \(units)")
        guard let b = bias.baseAddress, let x = y.baseAddress else { return }
        VectorKernels.addBias(b, units: units, rows: rows, to: x, relu: activation == .relu)
        if activation == .softmax {
            for r in 0..<rows { Softmax.normalize(x + r * units, count: units) }
        }
    }

    /// The gradient before the activation, `dz`, from the output `y` and its gradient `dy`,
    /// both `[rows, units]`. ReLU: `dz = dy * (y > 0)`. Softmax (row-wise Jacobian product):
    /// `dz = y * (dy - sum(dy * y))`.
    static func gradient(activation: Activation, output y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, units: Int,
                         into dz: UnsafeMutableBufferPointer<Float>) {
        precondition(y.count == dy.count && dz.count == dy.count,
                     "activation gradient: output \(y.count), gradient \(dy.count), result \(dz.count) scalars")
        switch activation {
        case .linear:
            _ = dz.update(fromContentsOf: dy)
        case .relu:
            guard let yp = y.baseAddress, let dyp = dy.baseAddress, let dzp = dz.baseAddress else { return }
            VectorKernels.reluGradient(output: yp, outputGradient: dyp, into: dzp, count: dy.count)
        case .softmax:
            softmaxGradient(output: y, outputGradient: dy, units: units, into: dz)
        }
    }

    /// Row-wise softmax Jacobian product for `[rows, units]` matrices: `dz = y * (dy - <dy, y>)`.
    private static func softmaxGradient(output y: UnsafeBufferPointer<Float>, outputGradient dy: UnsafeBufferPointer<Float>,
                                        units: Int, into dz: UnsafeMutableBufferPointer<Float>) {
        let rows = units == 0 ? 0 : dy.count / units
        for r in 0..<rows {
            var dot: Float = 0
            for u in 0..<units { dot += dy[r * units + u] * y[r * units + u] }
            for u in 0..<units { dz[r * units + u] = y[r * units + u] * (dy[r * units + u] - dot) }
        }
    }

    /// `biasGradient[u] += sum over rows of dz[r, u]`.
    static func accumulateBiasGradient(_ dz: UnsafeBufferPointer<Float>, rows: Int, into biasGradient: inout Tensor) {
        let units = biasGradient.count
        biasGradient.scalars.withUnsafeMutableBufferPointer { db in
            guard let total = db.baseAddress, let x = dz.baseAddress else { return }
            VectorKernels.addColumnSums(of: x, rows: rows, units: units, into: total)
        }
    }
}
