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
        let (bytes, tensors) = try serializedModel()
        do {
            try AtomicFile.write(bytes, to: path)
        } catch let error as AtomicFileError {
            throw CommandError(error.description)
        } catch {
            throw CommandError("\(path): \(error)")
        }
        return (tensors, bytes.count)
    }

    /// The model file's bytes as `saveModel` writes them, and its tensor count.
    func serializedModel() throws -> (bytes: [UInt8], tensors: Int) {
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
        return (file.serialized(), file.names.count)
    }

    /// Reads `path`: a convbook file replaces the model (architecture, weights, history);
    /// a file of weights only goes into the current model, each tensor matched by name and
    /// shape. Nothing changes unless every tensor fits.
    ///
    /// Order matters for hostile files: the header is read first; the architecture in it is
    /// planned without building anything (`ModelPlan`: the parameter budget over the whole
    /// model, every tensor's name and shape); then built layer by layer within `ModelBudget`
    /// and matched again; only then is any tensor read.
    func loadModel(from path: String) throws -> LoadReport {
        let name = (path as NSString).lastPathComponent
        var loaded: Workspace?
        var loadedHistory = TrainingHistory()
        let file: SafetensorsFile
        do {
            file = try SafetensorsFile(contentsOf: path) { header in
                if let architecture = header.metadata["architecture"] {
                    // Budget and tensors checked against the plan before any layer is built.
                    let plan: ModelPlan
                    do {
                        plan = try ModelPlan(lines: architecture.split(separator: "\n").map(String.init))
                    } catch let error as CommandError {
                        throw CommandError("\(name): \(error.message)")
                    }
                    try plan.match(header, fileName: name)
                    let workspace = try Self.building(architecture, fileName: name)
                    try Self.match(header, to: try workspace.requireModel(), fileName: name)
                    if let text = header.metadata["history"] {
                        guard let decoded = try? JSONDecoder().decode(TrainingHistory.self, from: Data(text.utf8)) else {
                            throw CommandError("\(name): its training history is not valid JSON with loss/accuracy lists")
                        }
                        loadedHistory = decoded
                    }
                    loaded = workspace
                } else {
                    guard let model, !model.layers.isEmpty else {
                        throw CommandError("\(name) holds weights only (no architecture); build the model they belong to first (e.g. 'model tutorial'), then load")
                    }
                    try Self.match(header, to: model, fileName: name)
                }
            }
        } catch let error as SafetensorsError {
            throw CommandError(error.description)
        }
        if let loaded, let model = loaded.model {
            Self.assign(file, to: model)
            resetModel(started: true)
            self.model = model
            self.architecture = loaded.architecture
            history = loadedHistory
            weightsAreFresh = false
            return LoadReport(tensorCount: file.names.count, rebuilt: true)
        }
        guard let model else { throw CommandError("\(name): the model went away while loading") }
        Self.assign(file, to: model)
        history = TrainingHistory()
        lastEvaluation = nil
        weightsAreFresh = false
        if let optimizer { self.optimizer = Self.fresh(like: optimizer) }
        return LoadReport(tensorCount: file.names.count, rebuilt: false)
    }

    /// A workspace holding the model that `architecture` (a model file's `add` lines)
    /// describes, built within `ModelBudget` (each layer checked before it is allocated).
    private static func building(_ architecture: String, fileName name: String) throws -> Workspace {
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
                throw CommandError("\(name): architecture line \(number + 1) ('\(text.prefix(60))'): \(error.message)")
            }
        }
        return loaded
    }

    /// Checks, from the header alone, that every parameter of `model` has a tensor of its
    /// name and shape in the file and that no tensor is left over.
    private static func match(_ header: SafetensorsHeader, to model: Sequential, fileName: String) throws {
        var used = Set<String>()
        for layer in model.layers {
            for parameter in layer.parameters {
                let key = "\(layer.name).\(parameter.name)"
                guard let entry = header.entry(key) else {
                    let names = header.entries.map(\.name)
                    let available = names.isEmpty ? "none" : names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", ..." : "")
                    throw CommandError("\(fileName) has no tensor '\(key)' (it has: \(available))")
                }
                guard entry.shape == parameter.value.shape else {
                    throw CommandError("\(key) is \(parameter.value.shape) in the model but \(entry.shape.prefix(8)) in \(fileName)")
                }
                used.insert(key)
            }
        }
        let unused = header.entries.map(\.name).filter { !used.contains($0) }
        guard unused.isEmpty else {
            let shown = unused.prefix(12).map { String($0.prefix(60)) }.joined(separator: ", ") + (unused.count > 12 ? ", ..." : "")
            throw CommandError("\(fileName) has tensors the model has no place for: \(shown)")
        }
    }

    /// Copies every tensor of `file` into the parameter of the same name (`match` has
    /// checked that each is there with the parameter's shape).
    private static func assign(_ file: SafetensorsFile, to model: Sequential) {
        for layer in model.layers {
            for parameter in layer.parameters {
                guard let tensor = file["\(layer.name).\(parameter.name)"], tensor.shape == parameter.value.shape else { continue }
                parameter.value = tensor
                parameter.zeroGradient()
            }
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
