import NeuralNet
import TensorCore

extension Workspace {
    /// The tutorial's model as `add` lines, the Keras code line by line.
    static let tutorialArchitecture = [
        "input 28 28 1",
        "conv 32 3 stride=2 relu",
        "conv 64 3 stride=2 relu",
        "conv 128 3 stride=2 relu",
        "flatten",
        "dropout 0.2",
        "dense 512 relu",
        "dropout 0.2",
        "dense 10 softmax",
    ]

    /// Adds the layer `line` describes to the model and records the line. Returns the new
    /// layer (nil for `input`). Throws, changing nothing, if it cannot be added.
    @discardableResult
    func add(_ line: LayerLine) throws -> (any Layer)? {
        guard isModelStarted else { throw CommandError("no model yet; 'model new' starts an empty one, 'model tutorial' the tutorial's") }
        var added: (any Layer)?
        if case let .input(height, width, channels) = line {
            guard model == nil else { throw CommandError("the model already has an input; 'model new' starts again") }
            model = Sequential(inputShape: [height, width, channels])
        } else {
            guard let model else { throw CommandError("the model has no input yet; 'add input 28 28 1' comes first") }
            let layer = try line.makeLayer(inputShape: model.outputShape, using: &initializationGenerator)
            model.add(layer)
            added = layer
        }
        architecture.append(line.text)
        optimizer = nil
        lastEvaluation = nil
        return added
    }

    /// Replaces the model with one built from `lines` (canonical `add` lines); on failure the
    /// previous model is kept and the error names the line.
    func build(from lines: [String]) throws {
        let saved = (isModelStarted, model, architecture, optimizer, weightsAreFresh, history, lastEvaluation, initializationGenerator)
        resetModel(started: true)
        do {
            for (number, text) in lines.enumerated() {
                do {
                    try add(try LayerLine.parse(line: text))
                } catch let error as CommandError {
                    throw CommandError("layer \(number + 1) ('\(text)'): \(error.message)")
                }
            }
        } catch {
            (isModelStarted, model, architecture, optimizer, weightsAreFresh, history, lastEvaluation, initializationGenerator) = saved
            throw error
        }
    }

    /// The model, or an error saying how to get one.
    func requireModel() throws -> Sequential {
        guard let model, !model.layers.isEmpty else {
            if isModelStarted { throw CommandError("the model has no layers yet; 'add ...' them, or 'model tutorial'") }
            throw CommandError("no model yet; 'model tutorial' builds the tutorial's, 'model new' an empty one, 'load FILE' a saved one")
        }
        return model
    }

    /// The model, checked to give one score per Fashion-MNIST class for 28x28x1 images.
    func requireClassifier() throws -> Sequential {
        let model = try requireModel()
        guard model.inputShape == [28, 28, 1] else {
            throw CommandError("the model takes \(shapeText(model.inputShape)) inputs, but Fashion-MNIST images are (None, 28, 28, 1); start with 'add input 28 28 1'")
        }
        guard model.outputShape == [classNames.count] else {
            throw CommandError("the model outputs \(shapeText(model.outputShape)), but there are \(classNames.count) classes; end with 'add dense \(classNames.count) softmax'")
        }
        return model
    }

    /// A shape as Keras prints it: `(None, 13, 13, 32)`.
    func shapeText(_ shape: [Int]) -> String {
        "(None, " + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
