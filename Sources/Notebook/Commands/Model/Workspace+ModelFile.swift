import Foundation
import NeuralNet
import TensorCore

/// Model files: safetensors with one tensor per weight, named `<layer>.<weight>` as Keras
/// names them (`conv2d.kernel`, `dense_1.bias`), and `__metadata__` holding
///   - `format`: `convbook`,
///   - `architecture`: the `add` lines, one per line,
///   - `history`: the training history as JSON with Keras's keys,
///   - `class_names`: the class names as a JSON array.
/// A file without an architecture (weights exported from Keras) loads into the current model.
extension Workspace {
    /// What `load` did, for its report.
    struct LoadReport {
        let tensorCount: Int
        let rebuilt: Bool
    }

    /// The most layers a model file may describe.
    static let maximumLayers = 1000

    /// Writes the model and its history to `path` (atomically).
    func saveModel(to path: String) throws -> (tensors: Int, bytes: Int) {
        let model = try requireModel()
        var file = SafetensorsFile(metadata: [
            "format": "convbook",
            "architecture": architecture.joined(separator: "\n"),
            "history": try json(history),
            "class_names": try json(classNames),
        ])
        for layer in model.layers {
            for parameter in layer.parameters { file.append(parameter.value, as: "\(layer.name).\(parameter.name)") }
        }
        let bytes = file.serialized()
        do {
            try AtomicFile.write(bytes, to: path)
        } catch let error as SafetensorsError {
            throw CommandError(error.description)
        } catch {
            throw CommandError("\(path): \(error)")
        }
        return (file.names.count, bytes.count)
    }

    /// Reads `path`: a convbook file replaces the model (architecture, weights, history);
    /// a file of weights only goes into the current model, each tensor matched by name and
    /// shape. Nothing changes unless every tensor fits.
    func loadModel(from path: String) throws -> LoadReport {
        let file: SafetensorsFile
        do {
            file = try SafetensorsFile(contentsOf: path)
        } catch let error as SafetensorsError {
            throw CommandError(error.description)
        }
        let name = (path as NSString).lastPathComponent
        if let architecture = file.metadata["architecture"] {
            let lines = architecture.split(separator: "\n").map(String.init)
            guard !lines.isEmpty else { throw CommandError("\(name): its architecture is empty") }
            guard lines.count <= Self.maximumLayers else {
                throw CommandError("\(name): its architecture has \(lines.count) lines; convbook builds at most \(Self.maximumLayers) layers")
            }
            let loaded = Workspace()
            loaded.resetModel(started: true)
            for (number, text) in lines.enumerated() {
                do {
                    try loaded.add(try LayerLine.parse(line: text))
                } catch let error as CommandError {
                    throw CommandError("\(name): architecture line \(number + 1) ('\(text)'): \(error.message)")
                }
            }
            let model = try loaded.requireModel()
            try assign(file, to: model, fileName: name)
            var loadedHistory = TrainingHistory()
            if let text = file.metadata["history"] {
                guard let decoded = try? JSONDecoder().decode(TrainingHistory.self, from: Data(text.utf8)) else {
                    throw CommandError("\(name): its training history is not valid JSON with loss/accuracy lists")
                }
                loadedHistory = decoded
            }
            resetModel(started: true)
            self.model = model
            self.architecture = loaded.architecture
            history = loadedHistory
            weightsAreFresh = false
            return LoadReport(tensorCount: file.names.count, rebuilt: true)
        }
        guard let model, !model.layers.isEmpty else {
            throw CommandError("\(name) holds weights only (no architecture); build the model they belong to first (e.g. 'model tutorial'), then load")
        }
        try assign(file, to: model, fileName: name)
        history = TrainingHistory()
        lastEvaluation = nil
        weightsAreFresh = false
        if let optimizer { self.optimizer = Self.fresh(like: optimizer) }
        return LoadReport(tensorCount: file.names.count, rebuilt: false)
    }

    /// Copies every tensor of `file` into the parameter of the same name, after checking that
    /// each parameter has one of the right shape and that no tensor is left over.
    private func assign(_ file: SafetensorsFile, to model: Sequential, fileName: String) throws {
        var pairs: [(Parameter, Tensor)] = []
        var used = Set<String>()
        for layer in model.layers {
            for parameter in layer.parameters {
                let key = "\(layer.name).\(parameter.name)"
                guard let tensor = file[key] else {
                    let available = file.names.isEmpty ? "none" : file.names.joined(separator: ", ")
                    throw CommandError("\(fileName) has no tensor '\(key)' (it has: \(available))")
                }
                guard tensor.shape == parameter.value.shape else {
                    throw CommandError("\(key) is \(parameter.value.shape) in the model but \(tensor.shape) in \(fileName)")
                }
                pairs.append((parameter, tensor))
                used.insert(key)
            }
        }
        let unused = file.names.filter { !used.contains($0) }
        guard unused.isEmpty else {
            throw CommandError("\(fileName) has tensors the model has no place for: \(unused.joined(separator: ", "))")
        }
        for (parameter, tensor) in pairs {
            parameter.value = tensor
            parameter.zeroGradient()
        }
    }

    /// A new optimizer of the same kind and settings, with no state.
    static func fresh(like optimizer: any Optimizer) -> any Optimizer {
        if let sgd = optimizer as? SGD { return SGD(learningRate: sgd.learningRate, momentum: sgd.momentum) }
        if let adam = optimizer as? Adam {
            return Adam(learningRate: adam.learningRate, beta1: adam.beta1, beta2: adam.beta2, epsilon: adam.epsilon)
        }
        return optimizer
    }

    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            throw CommandError("the training history holds a value JSON cannot store (NaN or infinity)")
        }
        return text
    }
}
