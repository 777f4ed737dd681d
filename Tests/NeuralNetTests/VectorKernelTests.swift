import Testing
import TensorCore
@testable import NeuralNet

/// The C element-wise kernels against plain Swift loops, at sizes with vector remainders.
@Suite struct VectorKernelTests {
    @Test(arguments: [1, 15, 16, 17, 1_001])
    func reluGradientMatchesThePlainLoop(count: Int) {
        let y = GradientCheck.random([count], seed: 41).scalars, dy = GradientCheck.random([count], seed: 42).scalars
        var dz = [Float](repeating: .nan, count: count)
        VectorKernels.reluGradient(output: y, outputGradient: dy, into: &dz, count: count)
        #expect(dz == (0..<count).map { y[$0] > 0 ? dy[$0] : 0 })
    }

    @Test(arguments: [(3, 1), (7, 20), (5, 33)])
    func addBiasMatchesThePlainLoop(rows: Int, units: Int) {
        let bias = GradientCheck.random([units], seed: 43).scalars
        let x = GradientCheck.random([rows * units], seed: 44).scalars
        for relu in [false, true] {
            var fast = x
            VectorKernels.addBias(bias, units: units, rows: rows, to: &fast, relu: relu)
            let plain = (0..<rows * units).map { index -> Float in
                let value = x[index] + bias[index % units]
                return relu ? max(value, 0) : value
            }
            #expect(fast == plain, "relu \(relu)")
        }
    }
}
