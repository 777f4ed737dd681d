import NeuralNet
import TensorCore

/// What `predict FILE` does: reads the learner's picture, frames it as Fashion-MNIST frames
/// its images, shows what the model sees and the three most probable classes.
enum PictureClassification {
    /// The framed picture and the model's class probabilities for it.
    struct Outcome {
        var picture: GreyImage
        var framing: FashionMNISTFraming.Result
        var probabilities: [Float]
        /// The last layer's scores before its softmax.
        var logits: [Float] = []
    }

    /// Decodes and frames the picture at `path` and runs `model` on it. The model must take
    /// `[28, 28, 1]` inputs (bytes scaled to 0-1, as in training) and give one score per class.
    static func classify(path: String, model: Sequential) throws -> Outcome {
        guard model.inputShape == [28, 28, 1] else {
            throw CommandError("the model takes \(model.inputShape) inputs; a picture becomes [28, 28, 1]")
        }
        guard model.outputShape.count == 1 else {
            throw CommandError("the model outputs \(model.outputShape), not one score per class")
        }
        let picture: GreyImage, framing: FashionMNISTFraming.Result
        do {
            picture = try ImageFileDecoder.decode(contentsOf: path)
            framing = try FashionMNISTFraming.frame(picture)
        } catch let error as ImageFileError {
            throw CommandError("\(path): \(error.message)")
        }
        let input = Tensor(shape: [1, 28, 28, 1], scalars: framing.pixels.map { Float(Double($0) / 255) })
        let logits = model.logits(input).scalars
        return Outcome(picture: picture, framing: framing, probabilities: TopClasses.probabilities(fromLogits: logits),
                       logits: logits)
    }

    /// `predict FILE`: classifies the picture at `path` with the workspace's model and prints
    /// the report. For `PredictCommand`, whose INDEX branch classifies a test image.
    static func run(path: String, in session: Session) throws {
        let model = try session.workspace.requireClassifier()
        let outcome = try classify(path: path, model: model)
        lines(outcome, path: path, capabilities: session.console.capabilities).forEach { session.console.line($0) }
        PredictionScores.lines(logits: outcome.logits, model: model, classNames: session.workspace.classNames, truth: nil,
                               width: session.console.capabilities.width).forEach { session.console.line($0) }
        if session.workspace.weightsAreFresh {
            session.console.line("(not trained yet: the model is guessing; 'train' first)")
        }
    }

    /// The report: what was done to the picture, the 28x28 the model sees, the top three.
    static func lines(_ outcome: Outcome, path: String, capabilities: TerminalCapabilities) -> [String] {
        let framing = outcome.framing
        let background = framing.inverted
            ? "light background, so inverted (Fashion-MNIST is a light garment on black)"
            : "dark background, kept as it is"
        let description = "\(path): \(outcome.picture.width)x\(outcome.picture.height) pixels, \(background); "
            + "the garment spans columns \(framing.columns.lowerBound)-\(framing.columns.upperBound), "
            + "rows \(framing.rows.lowerBound)-\(framing.rows.upperBound): squared and scaled to 28x28."
        var lines = TextLayout.wrap(description, width: capabilities.width)
        lines.append("what the model sees:")
        lines += ImageRenderer.picture(PixelMap(rows: 28, columns: 28, bytes: framing.pixels), capabilities: capabilities)
        lines.append("the model's guesses:")
        lines += TopClasses.lines(outcome.probabilities, capabilities: capabilities)
        return lines
    }
}
