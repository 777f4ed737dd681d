import CKernels

/// The element-wise loops of the layers, written with SIMD16 so they compile to branch-free
/// vector code (as scalar loops with `? :` they stayed scalar with a mispredicted branch per
/// element: the ReLU mask alone took 8% of a training step). The hottest call C (`CKernels`),
/// compiled for AVX-512 or AVX2 where the processor has them; Swift only targets SSE2.
enum VectorKernels {
    typealias Lanes = SIMD16<Float>

    /// `dz[i] = y[i] > 0 ? dy[i] : 0` for `count` elements (in C, `ck_relu_gradient`: 3.1% of
    /// a training step's CPU time as SSE2 SIMD16 in Swift).
    static func reluGradient(output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                             into dz: UnsafeMutablePointer<Float>, count: Int) {
        ck_relu_gradient(y, dy, dz, count)
    }

    /// `x[r, u] = max(x[r, u] + bias[u], 0)` (or without the max) over `rows` rows of `units`
    /// (in C, `ck_add_bias`).
    static func addBias(_ bias: UnsafePointer<Float>, units: Int, rows: Int, to x: UnsafeMutablePointer<Float>, relu: Bool) {
        ck_add_bias(bias, units, rows, x, relu ? 1 : 0)
    }

    /// `total[u] += sum over rows of x[r, u]`.
    static func addColumnSums(of x: UnsafePointer<Float>, rows: Int, units: Int, into total: UnsafeMutablePointer<Float>) {
        var u = 0
        while u + Lanes.scalarCount <= units {
            var sum = Lanes(repeating: 0)
            for r in 0..<rows { sum += load(x + r * units + u) }
            store(load(total + u) + sum, total + u)
            u += Lanes.scalarCount
        }
        while u < units {
            var sum: Float = 0
            for r in 0..<rows { sum += x[r * units + u] }
            total[u] += sum
            u += 1
        }
    }

    /// `z[i] = x[i] * y[i]` for `count` elements.
    static func multiply(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, into z: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + Lanes.scalarCount <= count {
            store(load(x + i) * load(y + i), z + i)
            i += Lanes.scalarCount
        }
        while i < count { z[i] = x[i] * y[i]; i += 1 }
    }

    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(pointer).loadUnaligned(as: Lanes.self)
    }

    @inline(__always) static func load(_ pointer: UnsafeMutablePointer<Float>) -> Lanes {
        UnsafeRawPointer(pointer).loadUnaligned(as: Lanes.self)
    }

    @inline(__always) static func store(_ value: Lanes, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Lanes.self)
    }
}
