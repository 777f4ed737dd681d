import Testing
import TensorCore
@testable import NeuralNet

/// The direct loops for small windows (`Conv2D+Direct.swift`) against their twin, the im2col +
/// GEMM path of the same layer: outputs, kernel, bias and input gradients, over geometries that
/// take the 3x3x1 path, the general one, padding, strides, and filter counts with remainders
/// (16-lane blocks of 32, then single filters).
@Suite struct Conv2DDirectTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: [Int], filters: Int, kernelSize: Int, stride: Int, padding: Padding, activation: Activation
        var testDescription: String {
            "\(input) \(filters)x\(kernelSize) stride \(stride) \(padding) \(activation)"
        }
    }

    static let cases: [Case] = [
        Case(input: [28, 28, 1], filters: 32, kernelSize: 3, stride: 2, padding: .valid, activation: .relu),
        Case(input: [9, 8, 1], filters: 20, kernelSize: 3, stride: 1, padding: .same, activation: .relu),
        Case(input: [7, 9, 1], filters: 45, kernelSize: 3, stride: 2, padding: .same, activation: .linear),
        Case(input: [8, 8, 3], filters: 64, kernelSize: 3, stride: 1, padding: .valid, activation: .relu),
        Case(input: [10, 7, 1], filters: 7, kernelSize: 5, stride: 3, padding: .same, activation: .relu),
        Case(input: [6, 6, 2], filters: 33, kernelSize: 2, stride: 2, padding: .valid, activation: .linear),
    ]

    @Test(arguments: cases, [false, true])
    func directLoopsMatchIm2col(_ c: Case, computeInputGradient: Bool) throws {
        var generator = SplitMix64(seed: 11)
        let layer = try Conv2D(filters: c.filters, kernelSize: c.kernelSize, stride: c.stride, padding: c.padding,
                               activation: c.activation, inputShape: c.input, using: &generator)
        #expect(layer.convolvesDirectly, "a window of \(layer.geometry.windowCount) takes the direct path")
        layer.bias.value = GradientCheck.random([c.filters], seed: 12, scale: 0.2)
        let input = GradientCheck.random([3] + c.input, seed: 13)
        let outputGradient = GradientCheck.random([3] + layer.outputShape, seed: 14)

        func run(direct: Bool) -> (output: Tensor, kernel: Tensor, bias: Tensor, input: Tensor) {
            layer.convolvesDirectly = direct
            var output = Tensor.empty, inputGradient = Tensor.empty
            layer.forward(input, into: &output, training: true, using: &generator)
            // Gradients accumulate: start from a non-zero value to see that they are added.
            layer.kernel.gradient = Tensor(shape: layer.kernel.value.shape, repeating: 0.5)
            layer.bias.gradient = Tensor(shape: [c.filters], repeating: -0.25)
            layer.backward(input: input, output: output, outputGradient: outputGradient,
                           inputGradient: &inputGradient, computeInputGradient: computeInputGradient)
            return (output, layer.kernel.gradient, layer.bias.gradient, inputGradient)
        }
        let direct = run(direct: true), twin = run(direct: false)
        Self.expectClose(direct.output, twin.output, "output")
        Self.expectClose(direct.kernel, twin.kernel, "kernel gradient")
        Self.expectClose(direct.bias, twin.bias, "bias gradient")
        if computeInputGradient { Self.expectClose(direct.input, twin.input, "input gradient") }
    }

    /// Windows above the limit keep im2col.
    @Test func largeWindowsUseIm2col() throws {
        var generator = SplitMix64(seed: 1)
        let layer = try Conv2D(filters: 8, kernelSize: 3, inputShape: [6, 6, 4], using: &generator)
        #expect(layer.geometry.windowCount == 36 && !layer.convolvesDirectly)
    }

    /// The fused first-layer backward (no input gradient: the ReLU mask, dBias and dKernel in
    /// one pass) against central differences.
    @Test func firstLayerGradientsByFiniteDifferences() throws {
        var generator = SplitMix64(seed: 21)
        let layer = try Conv2D(filters: 40, kernelSize: 3, stride: 2, inputShape: [9, 9, 1], using: &generator)
        layer.bias.value = GradientCheck.random([40], seed: 22, scale: 0.1)
        GradientCheck.check(layer, input: GradientCheck.random([2, 9, 9, 1], seed: 23), computeInputGradient: false)
    }

    /// Agreement up to Float32 rounding of sums of a few hundred terms; prints the worst element.
    static func expectClose(_ actual: Tensor, _ expected: Tensor, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.shape == expected.shape, "\(what): shape \(actual.shape) vs \(expected.shape)",
                sourceLocation: sourceLocation)
        let scale = max(expected.scalars.map(abs).max() ?? 0, 1)
        var worst: Float = 0, worstIndex = 0
        for index in expected.scalars.indices where abs(actual.scalars[index] - expected.scalars[index]) > worst {
            worst = abs(actual.scalars[index] - expected.scalars[index]); worstIndex = index
        }
        #expect(worst <= 1e-5 * scale,
                "\(what): largest difference \(worst) at \(worstIndex): \(actual.scalars[worstIndex]) vs \(expected.scalars[worstIndex])",
                sourceLocation: sourceLocation)
    }
}
