import NeuralNet
import TensorCore
import Testing
@testable import Notebook

/// `params` against the weights real layers allocate (NeuralNet's Conv2D and Dense).
@Suite struct ParamsAgainstLayersTests {
    @Test func convCountsMatchConv2D() throws {
        var generator = SplitMix64(seed: 1)
        for (kernel, channels, filters) in [(3, 1, 32), (3, 32, 64), (3, 64, 128), (5, 3, 16), (1, 7, 2)] {
            let layer = try Conv2D(filters: filters, kernelSize: kernel, inputShape: [12, 12, channels], using: &generator)
            #expect(try ParamsCommand.conv(kernel: kernel, inputChannels: channels, filters: filters).count == layer.parameterCount)
        }
    }

    @Test func denseCountsMatchDense() throws {
        var generator = SplitMix64(seed: 2)
        for (inputs, units) in [(512, 512), (512, 10), (3, 1), (100, 7)] {
            let layer = try Dense(units: units, inputShape: [inputs], using: &generator)
            #expect(try ParamsCommand.dense(inputs: inputs, units: units).count == layer.parameterCount)
        }
    }

    /// The tutorial's model, layer by layer: 320, 18,496, 73,856, 262,656 and 5,130.
    @Test func theTutorialsCountsAsPrinted() {
        let harness = ReplHarness()
        #expect(harness.run("params conv 3 1 32").output.contains("= 320\n"))
        #expect(harness.run("params conv 3 32 64").output.contains("= 18,496\n"))
        #expect(harness.run("params conv 3 64 128").output.contains("= 73,856\n"))
        #expect(harness.run("params dense 512 512").output.contains("= 262,656\n"))
        #expect(harness.run("params dense 512 10").output.contains("= 5,130\n"))
    }

    @Test func compareUsesTheConvLayersRealOutputSize() throws {
        var generator = SplitMix64(seed: 3)
        let layer = try Conv2D(filters: 32, kernelSize: 3, stride: 2, inputShape: [28, 28, 1], using: &generator)
        let outputs = layer.outputShape.reduce(1, *)
        let output = ReplHarness().run("params compare 28 28 1 3 32 2").output
        #expect(output.contains("= \(NumberFormat.grouped(outputs)) values"))
        #expect(output.contains("= \(NumberFormat.grouped(784 * outputs + outputs))\n"))
    }
}
