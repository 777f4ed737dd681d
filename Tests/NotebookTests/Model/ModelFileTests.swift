import Foundation
import NeuralNet
import TensorCore
import Testing
@testable import Notebook

@Suite struct ModelFileTests {
    /// Logits of the first 16 sample images.
    func logits(_ session: ModelSession) -> [Float] {
        let images = session.workspace.testSet!
        var batch = Tensor.empty, labels: [Int32] = []
        ImageExamples(images: images).fill(indices: Array(0..<16)[...], images: &batch, labels: &labels)
        return session.workspace.model!.logits(batch).scalars
    }

    @Test func saveAndLoadGiveIdenticalPredictionsAndHistory() throws {
        let path = ModelSession.temporaryFile("round-trip.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let trained = ModelSession()
        trained.run("data sample", "model tutorial", "compile", "train epochs=1 seed=2")
        let saved = trained.run("save \(path)")
        #expect(saved.unwrapped.hasPrefix("saved \(path): 10 tensors, 360,458 parameters (1.38 MB), the architecture and 1 epoch of history"), "\(saved)")

        let fresh = ModelSession()
        fresh.run("data sample")
        let loaded = fresh.run("load \(path)")
        #expect(loaded.unwrapped.hasPrefix("loaded \(path): 8 layers, 360,458 parameters, trained 1 epoch (val_accuracy "), "\(loaded)")
        #expect(logits(fresh) == logits(trained))
        #expect(fresh.workspace.history == trained.workspace.history)
        #expect(fresh.workspace.architecture == Workspace.tutorialArchitecture)
        let file = try SafetensorsFile(contentsOf: path)
        #expect(file.names == ["conv2d.kernel", "conv2d.bias", "conv2d_1.kernel", "conv2d_1.bias", "conv2d_2.kernel",
                               "conv2d_2.bias", "dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias"])
        #expect(file["conv2d_1.kernel"]?.shape == [3, 3, 32, 64])
        #expect(file.metadata["class_names"]?.contains("Ankle boot") == true)
    }

    @Test func weightsWithoutMetadataLoadIntoTheCurrentModel() throws {
        let path = ModelSession.temporaryFile("weights.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = ModelSession()
        source.run("data sample", "model tutorial")
        var file = SafetensorsFile()
        for layer in source.workspace.model!.layers {
            for parameter in layer.parameters {
                parameter.value.scalars = parameter.value.scalars.map { $0 * 1.5 }
                file.append(parameter.value, as: "\(layer.name).\(parameter.name)")
            }
        }
        try file.write(to: path)

        let target = ModelSession()
        target.run("data sample")
        #expect(target.run("load \(path)").hasPrefix("error: load: "))  // no model to load into
        target.run("model tutorial")
        #expect(target.run("load \(path)").unwrapped.hasPrefix("loaded 10 tensors (360,458 parameters) from \(path) into the current model"))
        #expect(logits(target) == logits(source))

        target.run("model new", "add input 28 28 1", "add conv 16 3 stride=2 relu", "add flatten", "add dense 10 softmax")
        let before = target.workspace.model!.parameters.flatMap(\.value.scalars)
        let mismatch = target.run("load \(path)")
        #expect(mismatch.unwrapped.hasPrefix("error: load: conv2d.kernel is [3, 3, 1, 16] in the model but [3, 3, 1, 32] in "), "\(mismatch)")
        #expect(target.workspace.model!.parameters.flatMap(\.value.scalars) == before)
    }

    @Test func missingAndSurplusTensorsAreNamed() throws {
        let path = ModelSession.temporaryFile("partial.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var file = SafetensorsFile()
        file.append(Tensor(shape: [3, 3, 1, 32]), as: "conv2d.kernel")
        file.append(Tensor(shape: [7]), as: "extra.bias")
        try file.write(to: path)
        let session = ModelSession()
        session.run("model new", "add input 28 28 1", "add conv 32 3")
        #expect(session.run("load \(path)").hasPrefix("error: load: partial") == false)
        let output = session.run("load \(path)")
        #expect(output.contains("has no tensor 'conv2d.bias' (it has: conv2d.kernel, extra.bias)"), "\(output)")
        session.run("model new", "add input 28 28 1", "add flatten")
        #expect(session.run("load \(path)").contains("has tensors the model has no place for: conv2d.kernel, extra.bias"))
    }

    @Test func unreadableFilesAreErrors() {
        let session = ModelSession()
        session.run("model tutorial")
        #expect(session.run("load /nonexistent/model.safetensors").hasPrefix("error: load: "))
        #expect(session.run("save /nonexistent/directory/model.safetensors").hasPrefix("error: save: "))
        #expect(session.workspace.model?.parameterCount == 360_458)
    }
}
