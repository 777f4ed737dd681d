import Testing
import TensorCore
@testable import NeuralNet

/// Each layer's forward and backward passes against TensorFlow/Keras's values for the same
/// input and weights (Fixtures/keras-layer-references.json, made by
/// tools/generate_layer_references.py).
///
/// Tolerances are absolute plus relative to the reference value's magnitude: the cases are
/// small (at most 72 products per sum), so Float32 rounding stays near 1e-6.
@Suite("Keras reference values")
struct KerasReferenceTests {
    static let tolerance: Float = 2e-5

    @Test("Conv2D forward and backward", arguments: KerasReferences.layers("Conv2D"))
    func conv2D(_ reference: KerasReferences.LayerCase) throws {
        let config = reference.config
        let filters = try #require(config.filters), kernelSize = try #require(config.kernelSize)
        let stride = try #require(config.strides)
        let padding = try #require(config.padding.flatMap(Padding.init(rawValue:)))
        let activation = try #require(config.activation.flatMap(Activation.init(rawValue:)))
        var generator = SplitMix64(seed: 1)
        let layer = try Conv2D(filters: filters, kernelSize: kernelSize, stride: stride,
                               padding: padding, activation: activation,
                               inputShape: reference.input.tensor.exampleShape, using: &generator)
        try check(layer, against: reference)
    }

    @Test("Dense forward and backward", arguments: KerasReferences.layers("Dense"))
    func dense(_ reference: KerasReferences.LayerCase) throws {
        let units = try #require(reference.config.units)
        let activation = try #require(reference.config.activation.flatMap(Activation.init(rawValue:)))
        var generator = SplitMix64(seed: 1)
        let layer = try Dense(units: units, activation: activation,
                              inputShape: reference.input.tensor.exampleShape, using: &generator)
        try check(layer, against: reference)
    }

    @Test("Flatten keeps Keras's H, W, C order", arguments: KerasReferences.layers("Flatten"))
    func flatten(_ reference: KerasReferences.LayerCase) throws {
        try check(try Flatten(inputShape: reference.input.tensor.exampleShape), against: reference)
    }

    @Test("MaxPooling2D forward and backward", arguments: KerasReferences.layers("MaxPooling2D"))
    func maxPooling(_ reference: KerasReferences.LayerCase) throws {
        let config = reference.config
        let poolSize = try #require(config.poolSize)
        let padding = try #require(config.padding.flatMap(Padding.init(rawValue:)))
        let layer = try MaxPooling2D(poolSize: poolSize, stride: config.strides, padding: padding,
                                     inputShape: reference.input.tensor.exampleShape)
        try check(layer, against: reference)
    }

    @Test("ReLU forward and backward", arguments: KerasReferences.layers("ReLU"))
    func relu(_ reference: KerasReferences.LayerCase) throws {
        try check(try ReLU(inputShape: reference.input.tensor.exampleShape), against: reference)
    }

    @Test("Every layer type in the fixture is checked")
    func coverage() {
        let checked: Set = ["Conv2D", "Dense", "Flatten", "MaxPooling2D", "ReLU"]
        let present = Set(KerasReferences.shared.layers.map(\.layer))
        #expect(present == checked, "fixture layer types \(present.sorted())")
        #expect(KerasReferences.layers("Conv2D").count == 17)
    }

    /// Loads the case's weights into `layer`, runs forward (training mode) and backward with the
    /// case's upstream gradient, and compares the output and every gradient.
    private func check(_ layer: some Layer, against reference: KerasReferences.LayerCase) throws {
        #expect(Set(layer.parameters.map(\.name)) == Set(reference.weights.keys),
                "\(reference.name): parameters \(layer.parameters.map(\.name))")
        for parameter in layer.parameters {
            let weight = try #require(reference.weights[parameter.name])
            try #require(parameter.value.shape == weight.shape,
                         "\(reference.name).\(parameter.name): shape \(parameter.value.shape), Keras \(weight.shape)")
            parameter.value = weight.tensor
            parameter.zeroGradient()
        }
        let input = reference.input.tensor
        var generator = SplitMix64(seed: 1)
        var output = Tensor.empty
        layer.forward(input, into: &output, training: true, using: &generator)
        expectMatchesReference(output, reference.output.tensor, tolerance: Self.tolerance,
                               "\(reference.name) output")

        var inputGradient = Tensor.empty
        layer.backward(input: input, output: output, outputGradient: reference.upstream.tensor,
                       inputGradient: &inputGradient, computeInputGradient: true)
        expectMatchesReference(inputGradient, reference.inputGradient.tensor,
                               tolerance: Self.tolerance, "\(reference.name) dL/dinput")
        for parameter in layer.parameters {
            let expected = try #require(reference.weightGradients[parameter.name])
            expectMatchesReference(parameter.gradient, expected.tensor, tolerance: Self.tolerance,
                                   "\(reference.name) dL/d\(parameter.name)")
        }
    }
}
