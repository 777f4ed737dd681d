import Datasets
import NeuralNet
import TensorCore

/// One training step of the model with its compiled optimizer, exactly as `train` takes it
/// (forward with dropout, softmax cross-entropy, backward, `optimizer.update` of every
/// parameter), with the numbers of a few weights of one layer recorded before and after.
///
/// The optimizer is the engine's own object (`SGD` or `Adam`), so the new weights and Adam's
/// moments are read from it, not recomputed.
struct OptimizerStep {
    /// One weight: where it is, its value and gradient, and what the optimizer made of them.
    struct Weight {
        /// Why it was picked: "first", "largest |gradient|", "smallest |gradient|".
        let role: String
        /// Keras's index, 1-based: `[row, column, channel, filter]` or `[input, unit]`.
        let position: [Int]
        let before: Float
        let gradient: Float
        let after: Float
        /// Adam's (m, v) before and after the step (nil before a first step, and for SGD).
        let momentsBefore: (first: Float, second: Float)?
        let momentsAfter: (first: Float, second: Float)?

        var label: String { "kernel[" + position.map(String.init).joined(separator: ",") + "]" }
    }

    let images: Int
    let lossBefore: Float
    let lossAfter: Float
    let weights: [Weight]
    let parameterCount: Int
    /// How many of the model's scalars the step changed (those with a zero gradient stay).
    let changedCount: Int
    /// The optimizer's step count after this step (Adam's t).
    let iteration: Int

    /// Takes the step on the first `batchSize` images of `training`, recording weights of
    /// `layer`'s kernel (which must have parameters).
    static func take(model: Sequential, optimizer: any Optimizer, layer: any Layer, training: LabeledImages,
                     batchSize: Int) -> OptimizerStep {
        let kernel = layer.parameters[0]
        let parameters = model.parameters
        let index = parameters.firstIndex { $0 === kernel }!
        let count = min(batchSize, training.count)
        var images = Tensor.empty, labels: [Int32] = []
        ImageExamples(images: training).fill(indices: ArraySlice(0..<count), images: &images, labels: &labels)
        let lossBefore = SoftmaxCrossEntropy.loss(logits: model.logits(images), labels: labels).loss

        var generator = SplitMix64(seed: 0x57E9)
        model.zeroGradients()
        let logits = model.trainingLogits(images, using: &generator)
        var logitGradient = Tensor.empty
        _ = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: labels, gradient: &logitGradient)
        model.backward(logitGradient: logitGradient)

        let gradient = kernel.gradient.scalars
        let magnitudes = gradient.map(abs)
        let largest = magnitudes.indices.max { magnitudes[$0] < magnitudes[$1] } ?? 0
        let nonzero = magnitudes.indices.filter { magnitudes[$0] > 0 }
        let smallest = nonzero.min { magnitudes[$0] < magnitudes[$1] } ?? 0
        var picks = [(role: "first", element: 0)]
        if largest != 0 { picks.append(("largest |gradient|", largest)) }
        if smallest != 0, smallest != largest { picks.append(("smallest |gradient|", smallest)) }
        let adam = optimizer as? Adam
        let momentsBefore = picks.map { adam?.moments(ofParameter: index, element: $0.element) }
        let valuesBefore = parameters.map(\.value.scalars)

        optimizer.update(parameters)

        let changed = zip(parameters, valuesBefore).reduce(0) { sum, pair in
            sum + zip(pair.0.value.scalars, pair.1).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
        }
        let weights = picks.enumerated().map { offset, pick in
            Weight(role: pick.role, position: Self.position(of: pick.element, shape: kernel.value.shape),
                   before: valuesBefore[index][pick.element], gradient: gradient[pick.element],
                   after: kernel.value.scalars[pick.element], momentsBefore: momentsBefore[offset],
                   momentsAfter: adam?.moments(ofParameter: index, element: pick.element))
        }
        let lossAfter = SoftmaxCrossEntropy.loss(logits: model.logits(images), labels: labels).loss
        return OptimizerStep(images: count, lossBefore: lossBefore, lossAfter: lossAfter, weights: weights,
                             parameterCount: model.parameterCount, changedCount: changed, iteration: optimizer.iterations)
    }

    /// The 1-based multi-index of flat `element` in a row-major tensor of `shape`.
    static func position(of element: Int, shape: [Int]) -> [Int] {
        var rest = element
        var position = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() {
            position[axis] = rest % shape[axis] + 1
            rest /= shape[axis]
        }
        return position
    }
}
