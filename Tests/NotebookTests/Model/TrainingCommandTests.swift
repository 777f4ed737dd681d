import Foundation
import NeuralNet
import TensorCore
import Testing
@testable import Notebook

@Suite struct TrainingCommandTests {
    @Test(arguments: [
        ("train epochs=0", "error: train: epochs must be between 1 and 1,000, got '0'"),
        ("train batch=0", "error: train: batch must be between 1 and 10,000, got '0'"),
        ("train batch=1000000", "error: train: batch must be between 1 and 10,000, got '1000000'"),
        ("train limit=-1", "error: train: limit must be between 1 and 10,000,000, got '-1'"),
        ("train epochs=two", "error: train: epochs must be a number, got 'two'"),
        ("train speed=2", "error: train: unknown option 'speed='"),
        ("train fast", "error: train: unexpected argument 'fast' (allowed here: profile)"),
        ("train profile profile", "error: train: unexpected argument 'profile' (given twice)"),
    ])
    func guardsAreCleanErrors(line: String, expected: String) {
        let session = ModelSession()
        session.run("model tutorial", "compile")
        let output = session.run(line)
        #expect(output.unwrapped.hasPrefix(expected), "\(output)")
        #expect(!session.lastSucceeded)
        #expect(session.workspace.history.epochs == 0)
    }

    @Test func aBatchTooLargeForMemoryIsRefusedBeforeAllocating() {
        let session = ModelSession()
        session.run("model new", "add input 28 28 1", "add conv 512 5 padding=same relu", "add flatten",
                    "add dense 10 softmax", "compile")
        let output = session.run("train batch=10000")
        #expect(output.unwrapped.hasPrefix("error: train: batch=10000 would need about 65 GB for this model's activations; use a smaller batch"), "\(output)")
    }

    @Test func trainingNeedsACompiledClassifier() {
        let session = ModelSession()
        #expect(session.run("train").hasPrefix("error: train: no model yet"))
        session.run("model tutorial")
        #expect(session.run("train").hasPrefix("error: train: the model is not compiled; 'compile' (Adam) or 'compile sgd' first"))
        session.run("model new", "add input 28 28 1", "add flatten", "add dense 5 softmax", "compile")
        #expect(session.run("train").hasPrefix("error: train: the model outputs (None, 5), but there are 10 classes"))
    }

    @Test func trainsOnTheSampleWithOneLinePerEpochAndIsReproducible() throws {
        func trainedWeights() throws -> ([Float], String, Workspace) {
            let session = ModelSession()
            session.run("data sample", "model tutorial", "compile")
            let output = session.run("train epochs=2 seed=3")
            #expect(session.lastSucceeded, "\(output)")
            return (session.workspace.model?.parameters.flatMap(\.value.scalars) ?? [], output, session.workspace)
        }
        let (first, output, workspace) = try trainedWeights()
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "training on 800 images, validating on 200; 25 steps of 32 per epoch; seed 3")
        let epochLine = #/^Epoch (\d)/2 - 25/25 - \d+\.\ds - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/#
        #expect(lines.dropFirst().count == 2 && lines.dropFirst().allSatisfy { $0.wholeMatch(of: epochLine) != nil }, "\(output)")
        #expect(workspace.history.epochs == 2 && workspace.history.validationAccuracy.count == 2)
        #expect(workspace.lastEvaluation?.count == 200)
        #expect(first == (try trainedWeights()).0)
    }

    @Test func profilePrintsATimeBudgetThatAddsUpToTheEpochTime() throws {
        let session = ModelSession()
        session.run("data sample", "model tutorial", "compile")
        let output = session.run("train epochs=2 seed=3 profile")
        #expect(session.lastSucceeded, "\(output)")
        let lines = output.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("time per epoch, mean of 2 epochs: ") }, "\(output)")
        #expect(lines[header].contains("; products: "), "\(lines[header])")
        // The header is prose (wrapped when the library's description is long), then the table.
        let title = try #require(lines[header...].firstIndex { $0.hasPrefix("  part ") }, "\(output)")
        let rows = lines[(title + 1)...]
        let names = ["conv2d", "conv2d_1", "conv2d_2", "flatten", "dropout", "dense", "dropout_1", "dense_1",
                     "loss", "data", "optimizer", "synchronisation", "validation", "other", "epoch"]
        #expect(rows.map { String($0.dropFirst(2).prefix(16)).trimmingCharacters(in: .whitespaces) } == names, "\(output)")
        // The last column of each part; the parts add up to the epoch's row (to the printed rounding).
        let totals = rows.map { row in Double(row.split(separator: " ").dropLast(2).last ?? "") ?? -1 }
        #expect(totals.allSatisfy { $0 >= -0.0015 }, "\(output)")
        #expect(abs(totals.dropLast().reduce(0, +) - totals.last!) <= 0.001 * Double(rows.count), "\(output)")
        #expect(lines[header...].allSatisfy { $0.count <= 80 }, "\(output)")
    }

    @Test func onATerminalTheEpochLineFillsInPlace() {
        let session = ModelSession(interactive: true)
        session.run("data sample", "model tutorial", "compile")
        let output = session.run("train epochs=1 seed=1")
        // The running line is drawn with \r at least at the last step, then replaced.
        #expect(output.contains("\r\u{1B}[KEpoch 1/1 - 25/25 ["), "\(output)")
        // At 80 columns the validation metrics go on a second line, aligned under the first.
        let final = #/\r\u{1B}\[KEpoch 1/1 - 25/25 - \d+\.\ds - loss: \d\.\d{4} - accuracy: \d\.\d{4}\n {10}- val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}\n$/#
        #expect(output.contains(final), "\(output)")
        #expect(output.split(separator: "\n").allSatisfy { $0.split(separator: "\r").allSatisfy { $0.count <= 80 + 3 } })
    }

    /// The epoch line of a full epoch on a narrow terminal wraps between its groups (never
    /// inside a metric, as "accuracy: 0.81" / "02" at 60 columns did), each line within the
    /// width; a group wider than a line splits between its segments.
    @Test func theEpochLineWrapsBetweenGroupsOfMetrics() {
        let groups = [["Epoch 1/10", "1875/1875", "5.2s"], ["loss: 0.5123", "accuracy: 0.8123"],
                      ["val_loss: 0.3921", "val_accuracy: 0.8590"]]
        let indent = String(repeating: " ", count: 11) + "- "
        #expect(TrainingDisplay.wrapped(groups, width: 60) == [
            "Epoch 1/10 - 1875/1875 - 5.2s", indent + "loss: 0.5123 - accuracy: 0.8123",
            indent + "val_loss: 0.3921 - val_accuracy: 0.8590"])
        #expect(TrainingDisplay.wrapped(groups, width: 100) == [
            "Epoch 1/10 - 1875/1875 - 5.2s - loss: 0.5123 - accuracy: 0.8123",
            indent + "val_loss: 0.3921 - val_accuracy: 0.8590"])
        #expect(TrainingDisplay.wrapped(groups, width: 120) == [groups.joined().joined(separator: " - ")])
        let narrow = TrainingDisplay.wrapped(groups, width: 40)
        #expect(narrow.allSatisfy { $0.count <= 40 }, "\(narrow)")
        #expect(narrow.dropFirst() == [indent + "loss: 0.5123", indent + "accuracy: 0.8123",
                                       indent + "val_loss: 0.3921", indent + "val_accuracy: 0.8590"][...], "\(narrow)")
    }

    @Test func quickModeCutsTrainingToAFewHundredSteps() {
        let session = ModelSession(quick: true)
        session.run("model tutorial", "compile")
        // Fake a large training set from the bundled sample, repeated.
        session.run("data sample")
        let sample = session.workspace.trainingSet!
        var pixels: [UInt8] = [], labels: [UInt8] = []
        for _ in 0..<10 { pixels += sample.pixels; labels += sample.labels }
        session.workspace.trainingSet = .init(rows: 28, columns: 28, pixels: pixels, labels: labels)
        let output = session.run("train epochs=10")
        #expect(output.hasPrefix("training on 960 images"), "\(output)")
    }

    @Test func divergenceIsAnErrorAndKeepsTheModel() {
        let session = ModelSession()
        session.run("data sample", "model tutorial", "compile adam lr=1000")
        let output = session.run("train epochs=1")
        let pattern = #/error: train: loss diverged to (nan|inf|[0-9.e+]+) at epoch 1, step \d+; try a smaller learning rate \(e\.g\. compile adam lr=0\.001\)/#
        #expect(output.unwrapped.contains(pattern), "\(output)")
        #expect(!session.lastSucceeded)
        #expect(session.workspace.model != nil)
        #expect(session.run("evaluate").contains("accuracy: "))
    }

    @Test func evaluateWorksUncompiledAndPrintsTheLine() {
        let session = ModelSession()
        session.run("data sample", "model tutorial")
        let output = session.run("evaluate")
        let line = #/^accuracy: \d\.\d{4} - loss: \d\.\d{4} \(200 test images, \d+\.\d\ds\)$/#
        #expect(output.split(separator: "\n").first.map { String($0).wholeMatch(of: line) != nil } == true, "\(output)")
        #expect(output.contains("confusion matrix"))
        #expect(session.workspace.lastEvaluation?.predictedLabels.count == 200)
    }

    @Test func predictShowsTheImageTheLabelAndTopThree() {
        let session = ModelSession()
        session.run("data sample", "model tutorial")
        let output = session.run("predict 0")
        #expect(output.hasPrefix("test image 0: "), "\(output)")
        #expect(output.contains("  1. ") && output.contains("  2. ") && output.contains("  3. "))
        #expect(session.run("predict 5000").hasPrefix("error: predict: INDEX must be between 0 and 199, got '5000'"))
    }
}
