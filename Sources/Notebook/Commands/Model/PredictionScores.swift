import NeuralNet
import TensorCore

/// The scores part of `predict INDEX` and `predict FILE`: the model's ten logits and their
/// softmax class by class, and the loss when the true class is known.
enum PredictionScores {
    /// The logits of `model` for one `[1, 28, 28, 1]` input: the last layer's output before
    /// its softmax, as the engine computes it for training.
    static func logits(of model: Sequential, input: Tensor) -> [Float] {
        model.logits(input).scalars
    }

    /// The lines for `logits`; `truth` the true class when known. A model that does not end
    /// with softmax gets a note that the softmax is convbook's, not the model's.
    static func lines(logits: [Float], model: Sequential, classNames: [String], truth: Int?,
                      width: Int) -> [String] {
        guard !logits.isEmpty, logits.allSatisfy(\.isFinite) else {
            return ["(the model's scores are not finite numbers: it cannot be read as probabilities)"]
        }
        var lines = SoftmaxSteps(scores: logits.map(Double.init))
            .classLines(classNames: classNames, truth: truth, width: width)
        if let last = model.layers.last as? Dense, last.activation == .softmax { return lines }
        lines += TextLayout.wrap("(the model's last layer has no softmax: these are its outputs, "
            + "and the softmax above is applied here to read them)", width: width)
        return lines
    }
}
