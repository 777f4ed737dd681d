import Testing
#if canImport(Glibc)
import Glibc
#endif
import TensorCore
@testable import NeuralNet

@Suite struct OptimizerTests {
    @Test func adamFirstTwoStepsMatchKerasFormula() {
        let parameter = Parameter(name: "kernel", value: Tensor(shape: [3], scalars: [0.5, -1, 2]))
        let adam = Adam()
        #expect((adam.learningRate, adam.beta1, adam.beta2, adam.epsilon) == (0.001, 0.9, 0.999, 1e-7))
        let gradients: [[Float]] = [[0.1, -0.2, 0], [0.3, 0.1, 1e-6]]
        // The formula by hand, in Double.
        var w: [Double] = [0.5, -1, 2], m = [0.0, 0, 0], v = [0.0, 0, 0]
        for (step, g) in gradients.enumerated() {
            parameter.gradient = Tensor(shape: [3], scalars: g)
            adam.update([parameter])
            let t = Double(step + 1)
            let alpha = 0.001 * (1 - pow(0.999, t)).squareRoot() / (1 - pow(0.9, t))
            for i in 0..<3 {
                m[i] = 0.9 * m[i] + 0.1 * Double(g[i])
                v[i] = 0.999 * v[i] + 0.001 * Double(g[i]) * Double(g[i])
                w[i] -= alpha * m[i] / (v[i].squareRoot() + 1e-7)
            }
            for i in 0..<3 {
                #expect(abs(Double(parameter.value.scalars[i]) - w[i]) < 1e-7, "step \(step + 1), element \(i): \(parameter.value.scalars[i]) vs \(w[i])")
            }
        }
        // The first step moves each weight by about lr * sign(g) (bias correction at work).
        #expect(adam.iterations == 2)
    }

    @Test func adamFirstStepIsLearningRateTimesSign() {
        let parameter = Parameter(name: "bias", value: Tensor(shape: [2], scalars: [0, 0]))
        parameter.gradient = Tensor(shape: [2], scalars: [3, -0.01])
        Adam().update([parameter])
        #expect(abs(parameter.value.scalars[0] + 0.001) < 1e-8)
        // For a small gradient, epsilon (1e-7 next to sqrt(v) = 3.2e-4) shrinks the step by 3e-4.
        #expect(abs(parameter.value.scalars[1] - 0.001 * (1 - 3.162e-4)) < 2e-8)
    }

    @Test func oneMinusBetaIsComputedFromTheDecimalAsKerasDoes() {
        #expect(Adam.complement(0.999) == Float(0.001))
        #expect(Adam.complement(0.9) == Float(1 - 0.9))
        #expect(Adam.complement(0.999) != 1 - Float(0.999))
    }

    /// The C update (vector lanes and the remainder) against the formula in plain Swift, in
    /// the same Float32 order: equal up to the square root's rounding.
    @Test func adamKernelMatchesThePlainLoop() {
        let count = 1_003
        let weights = GradientCheck.random([count], seed: 31).scalars
        let gradients = GradientCheck.random([count], seed: 32, scale: 0.01).scalars
        let parameter = Parameter(name: "kernel", value: Tensor(shape: [count], scalars: weights))
        let adam = Adam()
        var w = weights, m = [Float](repeating: 0, count: count), v = m
        for step in 1...3 {
            parameter.gradient = Tensor(shape: [count], scalars: gradients.map { $0 * Float(step) })
            adam.update([parameter])
            let t = Float(step)
            let alpha = adam.learningRate * (1 - powf(adam.beta2, t)).squareRoot() / (1 - powf(adam.beta1, t))
            for i in 0..<count {
                let g = gradients[i] * Float(step)
                m[i] += (g - m[i]) * Adam.complement(adam.beta1)
                v[i] += (g * g - v[i]) * Adam.complement(adam.beta2)
                w[i] -= (m[i] * alpha) / (v[i].squareRoot() + adam.epsilon)
            }
        }
        let worst = zip(parameter.value.scalars, w).map { abs($0 - $1) / max(abs($1), 1e-30) }.max() ?? 0
        #expect(worst < 1e-6, "largest relative difference \(worst)")
    }

    /// A weight whose gradient stays zero has its first moment shrink by beta1 (0.9) at every
    /// step, in Keras's form `m + (0 - m) * 0.1`. With subnormals flushed to zero, as in
    /// TensorFlow, the decrement `m * 0.1` becomes 0 once it falls below Float's smallest
    /// normal (1.2e-38), so the moment stops at about 1e-37 instead of sinking into
    /// subnormals that slow every later update (without the flush: 4.5 ns per weight instead
    /// of 0.6). The caller's floating-point mode is left as it was.
    @Test func adamKeepsMomentsOutOfSubnormals() {
        let parameter = Parameter(name: "kernel", value: Tensor(shape: [17], repeating: 1))
        let adam = Adam()
        parameter.gradient = Tensor(shape: [17], repeating: 1e-3)
        adam.update([parameter])
        parameter.gradient = Tensor(shape: [17], repeating: 0)
        // 1e-4 * 0.9^820 = 3e-42 in exact arithmetic: subnormal without the flush.
        for _ in 0..<820 { adam.update([parameter]) }
        #if arch(x86_64) || arch(i386)
        for element in [0, 16] {
            let first = adam.moments(ofParameter: 0, element: element)?.first ?? .nan
            #expect(first == 0 || first >= Float.leastNormalMagnitude, "element \(element): m = \(first)")
        }
        #endif
        #expect(parameter.value.scalars.allSatisfy { $0.isFinite && $0 < 1 })
        #expect(Float.leastNormalMagnitude * identity(0.5) != 0, "subnormals must still work outside the update")
    }

    @Test func sgdWithMomentum() {
        let parameter = Parameter(name: "kernel", value: Tensor(shape: [1], scalars: [1]))
        let sgd = SGD(learningRate: 0.1, momentum: 0.9)
        parameter.gradient = Tensor(shape: [1], scalars: [1])
        sgd.update([parameter])  // u = -0.1, w = 0.9
        sgd.update([parameter])  // u = -0.09 - 0.1 = -0.19, w = 0.71
        #expect(abs(parameter.value.scalars[0] - 0.71) < 1e-6)
        let plain = SGD()
        #expect(plain.learningRate == 0.01 && plain.momentum == 0)
    }

    /// A step applied in ranges cut anywhere (as the data-parallel step's cores share the
    /// elements) gives exactly the weights and slots of the step applied whole, step after step.
    @Test(arguments: ["adam", "sgd"])
    func aStepAppliedInRangesEqualsTheWholeStep(kind: String) {
        func optimizer() -> any Optimizer { kind == "adam" ? Adam() : SGD(learningRate: 0.1, momentum: 0.9) }
        func parameters() -> [Parameter] {
            [Parameter(name: "kernel", value: GradientCheck.random([37], seed: 41)),
             Parameter(name: "bias", value: GradientCheck.random([5], seed: 42))]
        }
        let whole = optimizer(), inRanges = optimizer()
        let wholeParameters = parameters(), rangedParameters = parameters()
        for step in 1...3 {
            for (index, (a, b)) in zip(wholeParameters, rangedParameters).enumerated() {
                let gradient = GradientCheck.random(a.value.shape, seed: UInt64(50 + 10 * step + index), scale: 0.1)
                a.gradient = gradient
                b.gradient = gradient
            }
            whole.update(wholeParameters)
            let update = inRanges.beginStep(rangedParameters)
            for (index, parameter) in rangedParameters.enumerated() {
                let count = parameter.value.count
                let cuts = [0, count / 3, count / 3 + 1, count]
                parameter.value.scalars.withUnsafeMutableBufferPointer { w in
                    parameter.gradient.scalars.withUnsafeBufferPointer { g in
                        for (start, end) in zip(cuts, cuts.dropFirst()).reversed() {
                            update.apply(parameter: index, range: start..<end, values: w.baseAddress!, gradients: g.baseAddress!)
                        }
                    }
                }
            }
            #expect(rangedParameters.map(\.value) == wholeParameters.map(\.value), "step \(step)")
            #expect(inRanges.slots == whole.slots && inRanges.iterations == step)
        }
    }

    /// Slots read out and put back into a new optimizer continue the run exactly.
    @Test(arguments: ["adam", "sgd"])
    func restoredSlotsContinueTheRun(kind: String) {
        func optimizer() -> any Optimizer { kind == "adam" ? Adam() : SGD(learningRate: 0.1, momentum: 0.9) }
        let original = optimizer(), resumed = optimizer()
        #expect(original.slots.isEmpty)
        let first = Parameter(name: "kernel", value: GradientCheck.random([9], seed: 61))
        first.gradient = GradientCheck.random([9], seed: 62, scale: 0.1)
        original.update([first])
        resumed.restore(iterations: original.iterations, slots: original.slots)
        #expect(resumed.slots == original.slots && resumed.iterations == 1)
        let second = Parameter(name: "kernel", value: first.value)
        second.gradient = first.gradient
        original.update([first])
        resumed.update([second])
        #expect(second.value == first.value && resumed.slots == original.slots)
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(exponent) { result *= base }
    return result
}

/// Its argument, out of the optimizer's sight (so that `x * 0.5` is computed at run time).
@inline(never) private func identity(_ value: Float) -> Float { value }
