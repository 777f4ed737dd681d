import Foundation
import NeuralNet
import Testing
@testable import Notebook

/// `step`: one real optimizer step; what it prints is what the engine's SGD and Adam did.
@Suite struct StepCommandTests {
    /// The numbers after `label` on the lines of one weight's block, by line prefix.
    static func block(_ label: String, in output: String) throws -> [String] {
        let start = try #require(output.range(of: "\n  \(label), the "))
        let rest = output[start.upperBound...]
        return rest.split(separator: "\n").dropFirst().prefix { $0.hasPrefix("    ") }.map(String.init)
    }

    static func lastNumber(_ line: String) -> Float? {
        line.split(separator: " ").last.flatMap { Float($0) }
    }

    static func weights(_ line: String) -> (Float, Float)? {
        let words = line.split(separator: " ")
        guard words.count == 4, let before = Float(words[1]), let after = Float(words[3]) else { return nil }
        return (before, after)
    }

    @Test func sgdMovesEachWeightByMinusLrTimesItsGradient() throws {
        let harness = ModelSession()
        harness.run("data sample", "model tutorial", "compile sgd")
        let kernel = try #require(harness.workspace.model?.layers.first?.parameters.first)
        let output = harness.run("step")
        #expect(harness.lastSucceeded, "\(output)")
        #expect(output.contains("SGD step 1 (lr 0.01) on training images 1-32"))
        #expect(output.contains("Three of the 288 kernel weights of layer 1, conv2d (Conv2D):"))
        let first = try Self.block("kernel[1,1,1,1]", in: output)
        let gradient = try #require(Self.lastNumber(first[0]))
        let weightLine = try #require(first.last)
        let (before, after) = try #require(Self.weights(weightLine))
        let change = try #require(Self.lastNumber(first[1]))
        #expect(abs(change - (-0.01 * gradient)) <= abs(change) * 2e-3, "-lr * g: \(first)")
        #expect(abs((after - before) - change) < 1.5e-6, "\(first)")
        #expect(abs(kernel.value.scalars[0] - after) < 1e-6, "the model's weight is the printed one")
        #expect(gradient != 0)
        let losses = try #require(output.range(of: "images (dropout off): "))
        let words = output[losses.upperBound...].split(separator: " ")
        let lossBefore = try #require(Double(words[0])), lossAfter = try #require(Double(words[2]))
        #expect(lossAfter < lossBefore, "one step on these images lowers their loss")
        #expect(!harness.workspace.weightsAreFresh)
    }

    @Test func adamsFirstStepsShowMomentsAndBiasCorrection() throws {
        let harness = ModelSession()
        harness.run("data sample", "model tutorial", "compile adam")
        let output = harness.run("step")
        #expect(harness.lastSucceeded, "\(output)")
        #expect(output.contains("alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t), t = 1"))
        #expect(output.contains("= 0.001 * sqrt(1 - 0.999^1) / (1 - 0.9^1) = 0.0003162"))
        for label in ["kernel[1,1,1,1]"] {
            let lines = try Self.block(label, in: output)
            let g = try #require(Self.lastNumber(lines[0]))
            let m = try #require(Self.lastNumber(lines[2])), v = try #require(Self.lastNumber(lines[4]))
            // Engine numbers, checked against Keras's formulas at t = 1 from zero moments.
            #expect(abs(m - 0.1 * g) <= abs(g) * 1e-3, "\(lines)")
            #expect(abs(v - 0.001 * g * g) <= g * g * 1e-5, "\(lines)")
            let (before, after) = try #require(Self.weights(lines[7]))
            #expect(abs(abs(after - before) - 0.001) < 1e-4, "a first Adam step moves a weight by about lr: \(lines)")
        }
        let second = harness.run("step")
        #expect(second.contains("Adam step 2"), "\(second)")
        #expect(second.contains("t = 2"))
        let lines = try Self.block("kernel[1,1,1,1]", in: second)
        // m starts from the first step's value now, not 0.
        #expect(!lines[2].contains("= 0 + ("), "\(lines)")
    }

    @Test func errorsAreOneLine() {
        let harness = ModelSession()
        harness.run("step")
        #expect(!harness.lastSucceeded)
        let noModel = harness.run("step")
        #expect(noModel.hasPrefix("error: step: no model yet"), "\(noModel)")
        harness.run("model tutorial")
        #expect(harness.run("step").hasPrefix("error: step: the model is not compiled"))
        harness.run("compile sgd")
        for bad in ["step 4", "step 99", "step dense_9", "step batch=0", "step 1 2", "step size=3"] {
            let output = harness.run(bad)
            #expect(!harness.lastSucceeded, "\(bad)")
            #expect(output.hasPrefix("error: step: "), "\(bad): \(output)")
        }
    }
}
