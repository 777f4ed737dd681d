import Foundation
import Testing
import TensorCore

/// The reference values tools/generate_layer_references.py computed with TensorFlow/Keras,
/// decoded from Fixtures/keras-layer-references.json.
///
/// Each layer case ran Keras's layer on `input` with `weights`, and took the gradients of
/// `L = sum(output * upstream)` with `tf.GradientTape`.
struct KerasReferences: Decodable {
    /// A tensor as the generator writes it: a shape and its values in row-major order.
    struct Values: Decodable {
        let shape: [Int]
        let values: [Float]

        var tensor: Tensor { Tensor(shape: shape, scalars: values) }
    }

    /// Keras's layer options; absent fields do not apply to the layer type.
    struct Configuration: Decodable {
        let filters: Int?
        let kernelSize: Int?
        let strides: Int?
        let padding: String?
        let activation: String?
        let units: Int?
        let poolSize: Int?
    }

    struct LayerCase: Decodable, CustomTestStringConvertible {
        let name: String
        let layer: String
        let config: Configuration
        let input: Values
        let weights: [String: Values]
        let output: Values
        let upstream: Values
        let inputGradient: Values
        let weightGradients: [String: Values]

        var testDescription: String { name }
    }

    /// Softmax + sparse categorical cross-entropy from `logits`, reduced by the batch mean.
    struct SoftmaxCrossEntropyCase: Decodable, CustomTestStringConvertible {
        let name: String
        let logits: Values
        let labels: [Int]
        let probabilities: Values
        /// Per example, `[N]`.
        let losses: Values
        let loss: Float
        /// Of the mean loss.
        let logitsGradient: Values

        var testDescription: String { name }
    }

    /// Successive optimizer steps on two variables (`[3, 2]` and `[2]`).
    struct OptimizerCase: Decodable, CustomTestStringConvertible {
        struct Configuration: Decodable {
            let learningRate: Float
            let beta1: Float?
            let beta2: Float?
            let epsilon: Float?
            let momentum: Float?
        }

        let name: String
        let config: Configuration
        let initial: [Values]
        /// `gradients[step][variable]`.
        let gradients: [[Values]]
        /// `after[step][variable]`: the values after that step.
        let after: [[Values]]

        var testDescription: String { name }
    }

    struct GlorotLimit: Decodable {
        let name: String
        let shape: [Int]
        let fanIn: Int
        let fanOut: Int
        let limit: Float
    }

    let tensorflow: String
    let layers: [LayerCase]
    let softmaxCrossEntropy: [SoftmaxCrossEntropyCase]
    let optimizers: [OptimizerCase]
    let glorotUniform: [GlorotLimit]

    /// The decoded fixture (loaded once).
    static let shared: KerasReferences = {
        do {
            return try JSONDecoder().decode(KerasReferences.self,
                                            from: fixture("keras-layer-references.json"))
        } catch {
            preconditionFailure("Fixtures/keras-layer-references.json: \(error)")
        }
    }()

    static func layers(_ type: String) -> [LayerCase] {
        shared.layers.filter { $0.layer == type }
    }
}

/// The bytes of `Fixtures/NAME` in the test bundle.
func fixture(_ name: String) throws -> Data {
    guard let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures"])
    }
    return try Data(contentsOf: directory.appendingPathComponent(name))
}
