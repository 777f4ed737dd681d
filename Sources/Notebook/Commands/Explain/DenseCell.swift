import NeuralNet
import TensorCore

/// One unit of a `Dense` layer for one image, recomputed term by term (in Double) from the
/// layer's input, kernel and bias, beside the value the engine computed.
///
/// For a softmax layer every unit's pre-activation (logit) is computed too, since the
/// softmax of one unit depends on all of them. Invariant: `activation` equals `engineValue`
/// up to float rounding.
struct DenseCell {
    /// One term of the weighted sum: input `index` (0-based) times its weight.
    struct Term {
        let index: Int
        let input: Double
        let weight: Double
        var product: Double { input * weight }
    }

    let layer: Dense
    let unit: Int
    let terms: [Term]
    let bias: Double
    /// Every unit's pre-activation, for softmax; empty otherwise.
    let logits: [Double]
    /// The layer's output for this unit in the engine's forward pass.
    let engineValue: Double

    var total: Double { terms.reduce(0) { $0 + $1.product } }
    var preActivation: Double { total + bias }
    var activation: Double {
        switch layer.activation {
        case .linear: preActivation
        case .relu: max(0, preActivation)
        case .softmax: SoftmaxSteps(scores: logits).probabilities[unit]
        }
    }

    /// Computes `unit` of `layer` from its `input` `[1, in]` and `output` `[1, units]`.
    init(layer: Dense, unit: Int, input: Tensor, output: Tensor) {
        precondition(input.shape == [1] + layer.inputShape && output.shape == [1, layer.units],
                     "DenseCell: input \(input.shape), output \(output.shape) for \(layer.inputShape) -> [\(layer.units)]")
        precondition((0..<layer.units).contains(unit), "DenseCell: no unit \(unit) in \(layer.units)")
        self.layer = layer
        self.unit = unit
        let x = input.scalars, w = layer.kernel.value.scalars, units = layer.units
        let biases = layer.bias.value.scalars
        // Kernel [in, out].
        terms = x.indices.map { Term(index: $0, input: Double(x[$0]), weight: Double(w[$0 * units + unit])) }
        bias = Double(biases[unit])
        if layer.activation == .softmax {
            logits = (0..<units).map { other in
                x.indices.reduce(Double(biases[other])) { $0 + Double(x[$1]) * Double(w[$1 * units + other]) }
            }
        } else {
            logits = []
        }
        engineValue = Double(output.scalars[unit])
    }

    /// The terms with the largest |product|, largest first (ties: lower index first).
    func largestTerms(_ count: Int) -> [Term] {
        Array(terms.sorted { abs($0.product) > abs($1.product) || (abs($0.product) == abs($1.product) && $0.index < $1.index) }
            .prefix(count))
    }
}
