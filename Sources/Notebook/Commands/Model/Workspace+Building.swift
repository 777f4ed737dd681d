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
            let description = "layer \(model.layers.count + 1) (\(line.text))"
            do {
                try ModelBudget.check(parameters: line.parameterCount(inputShape: model.outputShape), addedTo: model, layer: description)
                let layer = try line.makeLayer(inputShape: model.outputShape, using: &initializationGenerator)
                try ModelBudget.check(adding: layer, to: model, described: description)
                model.add(layer)
                added = layer
            } catch let error as BudgetError {
                throw CommandError(error.message)
            }
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

    /// The model, checked to give one score per Fashion-MNIST class for grey images
    /// (`[H, W, 1]`; whether the data's images are H x W is checked where they meet:
    /// `requireTestSet(in:for:)`), and to fit `ModelBudget` for one image.
    func requireClassifier() throws -> Sequential {
        let model = try requireModel()
        guard model.inputShape.count == 3, model.inputShape[2] == 1 else {
            throw CommandError("the model takes \(shapeText(model.inputShape)) inputs, but Fashion-MNIST images are (None, 28, 28, 1); start with 'add input 28 28 1'")
        }
        guard model.outputShape == [classNames.count] else {
            throw CommandError("the model outputs \(shapeText(model.outputShape)), but there are \(classNames.count) classes; end with 'add dense \(classNames.count) softmax'")
        }
        try checkMemory(of: model, batchSize: 1)
        return model
    }

    /// Refuses a batch whose activations, gradients and im2col matrices would pass
    /// `ModelBudget` (a model with huge layers, or an enormous batch), before anything is
    /// allocated.
    func checkMemory(of model: Sequential, batchSize: Int) throws {
        do {
            try ModelBudget.check(model, batchSize: batchSize)
        } catch let error as BudgetError {
            throw CommandError(error.message)
        }
    }

    /// The batch size for evaluating `model`: `Sequential.inferenceBatchSize`, smaller if
    /// that would take more than an eighth of the batch budget.
    func inferenceBatchSize(for model: Sequential) -> Int {
        let perExample = max(1, ModelBudget.bytesPerExample(model))
        return max(1, min(Sequential.inferenceBatchSize, Int(Double(ModelBudget.maximumBatchBytes) / 8 / perExample)))
    }

    /// A shape as Keras prints it: `(None, 13, 13, 32)`.
    func shapeText(_ shape: [Int]) -> String {
        "(None, " + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
