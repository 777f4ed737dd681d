import Datasets
import Foundation
import NeuralNet
import TensorCore

/// A lesson's scope on disk, so that quitting at any cell loses nothing: in
/// `<state>/lessons/N/`,
///   - `scope.json`: the demo's image and kernel, which data was loaded, whether a model was
///     started, whether its weights are fresh, the optimizer's kind and settings, and the lesson
///     the scope started from;
///   - `model.safetensors`: the model as `save` writes it (architecture, weights, history);
///     a model that has only its input so far is kept in `scope.json` instead, as its input
///     line (a model file needs a layer);
///   - `optimizer.safetensors`: the optimizer's per-parameter state and step count.
///
/// Every file is written atomically (`AtomicFile`). A damaged or foreign file is reported
/// as a warning and the lesson starts from its defaults; reading never crashes.
enum LessonScopeStore {
    /// What `scope.json` holds.
    struct Record: Codable {
        var version = 1
        var image: [[Double]]
        var kernel: [[Double]]
        var kernelName: String?
        /// "full", "sample", or nil when no data was loaded.
        var data: String?
        var modelStarted: Bool
        var weightsAreFresh: Bool
        var optimizer: String?
        var learningRate: Float?
        var momentum: Float?
        var inheritedFrom: Int?
        /// The lesson's training runs (`runs`, `plot compare`); absent in older files.
        var runs: TrainingRuns?
        /// The input line (`input 28 28 1`, as `Workspace.architecture` holds it) of a model
        /// that has no layer yet, which `model.safetensors` cannot hold; absent otherwise and
        /// in older files.
        var modelInput: String?
    }

    static func directory(lesson: Int, in session: Session) -> String {
        session.paths.stateDirectory + "/lessons/\(lesson)"
    }

    /// Whether lesson `lesson` has a saved scope holding a model.
    static func hasModel(lesson: Int, in session: Session) -> Bool {
        FileManager.default.fileExists(atPath: directory(lesson: lesson, in: session) + "/model.safetensors")
    }

    /// Writes `scope` (of lesson `lesson`); with `includingModel` false only `scope.json`
    /// (the model files are large and a demo command does not change them).
    static func save(_ scope: Scope, lesson: Int, includingModel: Bool, in session: Session) throws {
        let directory = directory(lesson: lesson, in: session)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let workspace = scope.workspace
        var data: String?
        if let description = workspace.dataDescription, workspace.trainingSet != nil || workspace.testSet != nil {
            data = description.contains("bundled") ? "sample" : "full"
        }
        let record = Record(image: scope.demo.image.rows, kernel: scope.demo.kernel.rows, kernelName: scope.demo.kernelName?.rawValue,
                            data: data, modelStarted: workspace.isModelStarted, weightsAreFresh: workspace.weightsAreFresh,
                            optimizer: workspace.optimizer?.name, learningRate: workspace.optimizer?.learningRate,
                            momentum: (workspace.optimizer as? SGD)?.momentum, inheritedFrom: scope.inheritedFrom,
                            runs: workspace.runs,
                            modelInput: workspace.model?.layers.isEmpty == true ? workspace.architecture.first : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(Array(try encoder.encode(record)), to: directory + "/scope.json")
        guard includingModel else { return }
        let modelPath = directory + "/model.safetensors", optimizerPath = directory + "/optimizer.safetensors"
        if let model = workspace.model, !model.layers.isEmpty {
            _ = try workspace.saveModel(to: modelPath)
        } else {
            try? FileManager.default.removeItem(atPath: modelPath)
        }
        if let optimizer = workspace.optimizer, !optimizer.slots.isEmpty {
            var file = SafetensorsFile(metadata: ["iterations": String(optimizer.iterations)])
            for (name, arrays) in optimizer.slots.sorted(by: { $0.key < $1.key }) {
                for (index, values) in arrays.enumerated() {
                    file.append(Tensor(shape: [values.count], scalars: values), as: "\(name).\(index)")
                }
            }
            try AtomicFile.write(file.serialized(), to: optimizerPath)
        } else {
            try? FileManager.default.removeItem(atPath: optimizerPath)
        }
    }

    /// The saved scope of lesson `lesson`, or nil when there is none (or it is unreadable,
    /// which `warn` is told).
    static func load(lesson: Int, in session: Session, warn: (String) -> Void) -> Scope? {
        let directory = directory(lesson: lesson, in: session)
        guard let bytes = FileManager.default.contents(atPath: directory + "/scope.json") else { return nil }
        guard let record = try? JSONDecoder().decode(Record.self, from: bytes), record.version == 1 else {
            warn("lesson \(lesson)'s saved state in \(directory) is damaged; the lesson starts from its defaults")
            return nil
        }
        let scope = Scope(lesson: lesson)
        scope.inheritedFrom = record.inheritedFrom
        if let image = validMatrix(record.image), let kernel = validMatrix(record.kernel) {
            scope.demo.image = image
            scope.demo.kernel = kernel
            scope.demo.kernelName = record.kernelName.flatMap(NamedKernel.init(rawValue:))
        }
        let workspace = scope.workspace
        if record.data == "sample", let sample = try? FashionMNIST.sample(), sample.count > 800 {
            workspace.trainingSet = sample.slice(0..<800)
            workspace.testSet = sample.slice(800..<sample.count)
            workspace.dataDescription = "the bundled Fashion-MNIST sample (the first 1,000 test images: 800 to train, 200 to test)"
        }
        workspace.resetModel(started: record.modelStarted)
        workspace.runs = record.runs ?? TrainingRuns()
        let modelPath = directory + "/model.safetensors"
        if FileManager.default.fileExists(atPath: modelPath) {
            do {
                _ = try workspace.loadModel(from: modelPath)
            } catch {
                warn("lesson \(lesson)'s saved model cannot be read (\(error)); the lesson's model starts again")
                workspace.resetModel(started: record.modelStarted)
                return scope
            }
        }
        if workspace.model == nil, let line = record.modelInput {
            do {
                let input = try LayerLine.parse(line: line)
                guard case .input = input else { throw CommandError("'\(line)' is not an input") }
                try workspace.add(input)
            } catch {
                warn("lesson \(lesson)'s saved state holds a model input that cannot be rebuilt; the lesson's model starts again")
                workspace.resetModel(started: record.modelStarted)
                return scope
            }
        }
        workspace.isModelStarted = record.modelStarted || workspace.model != nil
        workspace.weightsAreFresh = record.weightsAreFresh
        if let model = workspace.model, let name = record.optimizer {
            let optimizer: any Optimizer = name == "sgd"
                ? SGD(learningRate: record.learningRate ?? 0.01, momentum: record.momentum ?? 0)
                : Adam(learningRate: record.learningRate ?? 0.001)
            restoreSlots(of: optimizer, from: directory + "/optimizer.safetensors", model: model)
            workspace.optimizer = optimizer
        }
        return scope
    }

    /// Puts the saved slots back into `optimizer` when they fit `model`'s parameters exactly.
    private static func restoreSlots(of optimizer: any Optimizer, from path: String, model: Sequential) {
        guard FileManager.default.fileExists(atPath: path), let file = try? SafetensorsFile(contentsOf: path),
              let iterations = file.metadata["iterations"].flatMap(Int.init) else { return }
        let sizes = model.layers.flatMap { $0.parameters.map(\.value.count) }
        var slots: [String: [[Float]]] = [:]
        for name in Set(file.names.compactMap { $0.split(separator: ".").first.map(String.init) }) {
            let arrays = sizes.indices.map { file["\(name).\($0)"]?.scalars ?? [] }
            guard zip(arrays, sizes).allSatisfy({ $0.count == $1 }) else { return }
            slots[name] = arrays
        }
        optimizer.restore(iterations: iterations, slots: slots)
    }

    /// `rows` as a demo matrix, if it is one the demo accepts.
    private static func validMatrix(_ rows: [[Double]]) -> ConvMatrix? {
        guard !rows.isEmpty, rows.count <= ConvMatrix.maximumSize, let width = rows.first?.count, width > 0,
              width <= ConvMatrix.maximumSize, rows.allSatisfy({ $0.count == width }),
              rows.joined().allSatisfy({ $0.isFinite && abs($0) <= ConvMatrix.valueLimit }) else { return nil }
        return ConvMatrix(rows)
    }
}
