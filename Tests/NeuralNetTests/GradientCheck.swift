import Testing
import TensorCore
@testable import NeuralNet

/// Random tensors and central finite differences for checking backward passes.
enum GradientCheck {
    static func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var generator = SplitMix64(seed: seed)
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, scalars: (0..<count).map { _ in Float.random(in: -scale...scale, using: &generator) })
    }

    /// `sum(layer(x) * weights)` in Double; its gradient for the output is `weights`.
    static func projectedOutput(_ layer: any Layer, _ input: Tensor, weights: Tensor, seed: UInt64) -> Double {
        var generator = SplitMix64(seed: seed)
        var output = Tensor.empty
        layer.forward(input, into: &output, training: true, using: &generator)
        return zip(output.scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// Checks the input and parameter gradients of `layer` at `input` against central
    /// differences of `sum(layer(x) * weights)`, with `weights` random. The dropout masks are the
    /// same in every evaluation (same seed). Correct layers stay below 4e-4 relative here, so the
    /// tolerance of 2e-3 catches a gradient off by 1%. Fails with the largest error and where.
    /// Without `computeInputGradient` (a first layer's backward), only the parameters are checked.
    static func check(_ layer: any Layer, input: Tensor, epsilon: Float = 1e-3, tolerance: Double = 2e-3,
                      computeInputGradient: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        var input = input
        var generator = SplitMix64(seed: 99)
        var output = Tensor.empty
        layer.forward(input, into: &output, training: true, using: &generator)
        let weights = random(output.shape, seed: 5)
        for parameter in layer.parameters { parameter.zeroGradient() }
        var inputGradient = Tensor.empty
        layer.backward(input: input, output: output, outputGradient: weights,
                       inputGradient: &inputGradient, computeInputGradient: computeInputGradient)
        #expect(!computeInputGradient || inputGradient.shape == input.shape, sourceLocation: sourceLocation)

        func numeric(_ perturb: (Float) -> Void) -> Double {
            perturb(epsilon)
            let plus = projectedOutput(layer, input, weights: weights, seed: 99)
            perturb(-2 * epsilon)
            let minus = projectedOutput(layer, input, weights: weights, seed: 99)
            perturb(epsilon)
            return (plus - minus) / (2 * Double(epsilon))
        }
        func compare(_ what: String, analytic: [Float], numeric: [Double]) {
            let largest = max(analytic.map { abs(Double($0)) }.max() ?? 0, 1e-3)
            var worst = 0.0, worstIndex = 0
            for i in analytic.indices where abs(Double(analytic[i]) - numeric[i]) > worst {
                worst = abs(Double(analytic[i]) - numeric[i]); worstIndex = i
            }
            #expect(worst / largest < tolerance,
                    "\(layer.typeName) \(what): largest error \(worst) (relative \(worst / largest)) at \(worstIndex): analytic \(analytic[worstIndex]) vs numeric \(numeric[worstIndex])",
                    sourceLocation: sourceLocation)
        }
        if computeInputGradient {
            let inputNumeric = input.scalars.indices.map { index in numeric { input.scalars[index] += $0 } }
            compare("input gradient", analytic: inputGradient.scalars, numeric: inputNumeric)
        }
        for parameter in layer.parameters {
            let analytic = parameter.gradient.scalars
            let values = parameter.value.scalars.indices.map { index in numeric { parameter.value.scalars[index] += $0 } }
            compare("\(parameter.name) gradient", analytic: analytic, numeric: values)
        }
    }
}
