#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NeuralNet

/// `step [LAYER] [batch=N]`: one training step, as `train` takes thousands of them, with the
/// numbers of three of LAYER's kernel weights: gradient, and for SGD the change `-lr * g`, for
/// Adam the moments, the bias correction and the update.
enum StepCommand: Command {
    static let name = "step"
    static let changes = ScopeChange.model
    static let forms = [
        CommandForm(nil, [.optional("LAYER", .text)], options: [.keyword("batch", "N", .integer(1...1024))]),
    ]
    static let summary = "one optimizer step, with the numbers of three weights"
    static let discussion = """
        One step of training, exactly as 'train' takes each of its steps: the first N
        training images (default \(TrainCommand.defaultBatchSize)) go forward (dropout on),
        the loss and its gradient for every weight are computed by the backward pass, and
        the compiled optimizer ('compile sgd' or 'compile adam') updates every weight of
        the model. Then, for three weights of LAYER's kernel (default 1, the first layer;
        a number as 'summary' lists them, or a name): the first, the one with the largest
        gradient and the one with the smallest, it shows the gradient and what the
        optimizer did with it. SGD: w = w - lr * g. Adam: the moments m and v, their bias correction
        and the update. Every number comes from the engine's own optimizer. The loss
        on the same images before and after shows whether the step helped. Another 'step'
        takes the next one (Adam's t counts up).
        """
    static let examples = [
        "step",
        "step 2 batch=64",
    ]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let batchSize = invocation.integer("batch") ?? TrainCommand.defaultBatchSize
        let workspace = session.workspace
        let model = try workspace.requireClassifier()
        guard let optimizer = workspace.optimizer else {
            throw CommandError("the model is not compiled; 'compile sgd' or 'compile adam' first")
        }
        let (layerIndex, layer) = try LayerReference.resolve(invocation.word("LAYER") ?? "1", in: model)
        guard !layer.parameters.isEmpty else {
            throw CommandError("\(LayerReference.describe(index: layerIndex, layer: layer)) has no weights; layers with weights: "
                + model.layers.enumerated().filter { !$0.element.parameters.isEmpty }.map { "\($0.offset + 1) (\($0.element.name))" }
                    .joined(separator: ", "))
        }
        try workspace.checkMemory(of: model, batchSize: batchSize)
        let training = try workspace.requireTrainingSet(in: session, for: model)
        let step = OptimizerStep.take(model: model, optimizer: optimizer, layer: layer, training: training, batchSize: batchSize)
        workspace.weightsAreFresh = false
        workspace.lastEvaluation = nil
        let kernelCount = layer.parameters[0].value.count
        session.console.write(text(step, optimizer: optimizer, layer: LayerReference.describe(index: layerIndex, layer: layer),
                                   kernelCount: kernelCount, width: session.console.capabilities.width))
    }

    static func text(_ step: OptimizerStep, optimizer: any Optimizer, layer: String, kernelCount: Int, width: Int) -> String {
        let lr = number(optimizer.learningRate)
        var text = ""
        let rule: String
        if let adam = optimizer as? Adam {
            rule = "Adam step \(step.iteration) (lr \(lr), beta1 \(number(adam.beta1)), beta2 \(number(adam.beta2)),"
                + " epsilon \(number(adam.epsilon)))"
        } else {
            rule = "\(optimizer.name.uppercased()) step \(step.iteration) (lr \(lr))"
        }
        text += paragraph(rule + " on training images 1-\(step.images), as 'train' takes every step: forward with dropout,"
            + " the loss, the backward pass for every weight's gradient, then the update of every weight.", width)
        text += "\n" + paragraph("loss on these \(step.images) images (dropout off): \(String(format: "%.4f", step.lossBefore))"
            + " before, \(String(format: "%.4f", step.lossAfter)) after. The step changed"
            + " \(NumberFormat.grouped(step.changedCount)) of the \(NumberFormat.grouped(step.parameterCount)) weights"
            + (step.changedCount < step.parameterCount ? " (a weight whose gradient is 0 on these images stays)" : "") + ".", width)
        if let adam = optimizer as? Adam {
            text += adamPreamble(adam, t: step.iteration, width: width)
        } else if let sgd = optimizer as? SGD, sgd.momentum != 0 {
            text += paragraph("With momentum \(number(sgd.momentum)) the change also carries part of the last one.", width)
        }
        text += "\n" + paragraph("Three of the \(NumberFormat.grouped(kernelCount)) kernel weights of \(layer):", width)
        for weight in step.weights {
            text += "\n  \(weight.label), the \(weight.role):\n"
            if let adam = optimizer as? Adam {
                text += adamLines(weight, adam: adam, t: step.iteration)
            } else {
                text += "    gradient g = \(number(weight.gradient))\n"
                let intended = -optimizer.learningRate * weight.gradient, moved = weight.after - weight.before
                text += "    change = -lr * g = -\(lr) * \(signed(weight.gradient)) = \(number(intended))\n"
                if abs(moved - intended) > abs(intended) * 0.01 {
                    text += "    (Float32 keeps about 7 digits: the weight moved by \(number(moved)))\n"
                }
            }
            text += "    weight \(fixed(weight.before)) -> \(fixed(weight.after))\n"
        }
        if optimizer is Adam, step.iteration == 1 {
            text += "\n" + paragraph("On the first step m / (1 - beta1) = g and v / (1 - beta2) = g*g, so a weight moves"
                + " by lr * g / (|g| + epsilon / sqrt(1 - beta2)): about lr whatever the size of its gradient, unless the"
                + " gradient is tiny (a few millionths or less), where epsilon takes over. Adam's steps have a set size;"
                + " SGD's are in proportion to the gradient.", width)
        }
        return text
    }

    private static func adamPreamble(_ adam: Adam, t: Int, width: Int) -> String {
        let alpha = adam.learningRate * (1 - powf(adam.beta2, Float(t))).squareRoot() / (1 - powf(adam.beta1, Float(t)))
        var text = "\n" + paragraph("m and v are running averages of g and g*g; they start at 0, so early on they are too small,"
            + " and dividing by 1 - beta^t (the bias correction) makes up for it. TensorFlow folds both corrections into the"
            + " step size:", width)
        text += "  alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t), t = \(t)\n"
        text += "        = \(number(adam.learningRate)) * sqrt(1 - \(number(adam.beta2))^\(t)) / (1 - \(number(adam.beta1))^\(t))"
            + " = \(number(alpha))\n"
        return text
    }

    private static func adamLines(_ weight: OptimizerStep.Weight, adam: Adam, t: Int) -> String {
        let g = weight.gradient
        let (m0, v0) = weight.momentsBefore ?? (0, 0)
        let (m, v) = weight.momentsAfter ?? (0, 0)
        var text = "    gradient g = \(number(g))\n"
        text += "    m = m + (g - m) * (1 - beta1)\n      = \(number(m0)) + (\(number(g)) - \(signed(m0))) * \(number(Adam.complement(adam.beta1)))"
            + " = \(number(m))\n"
        text += "    v = v + (g*g - v) * (1 - beta2)\n      = \(number(v0)) + (\(number(g * g)) - \(signed(v0))) * \(number(Adam.complement(adam.beta2)))"
            + " = \(number(v))\n"
        let correctedM = m / (1 - powf(adam.beta1, Float(t))), correctedV = v / (1 - powf(adam.beta2, Float(t)))
        text += "    corrected: m / (1 - beta1^t) = \(number(correctedM)), v / (1 - beta2^t) = \(number(correctedV))\n"
        text += "    change = -alpha * m / (sqrt(v) + epsilon) = \(number(weight.after - weight.before))\n"
        return text
    }

    /// Four significant digits: 0.001234, 1.234e-07.
    static func number(_ value: Float) -> String {
        value == 0 ? "0" : String(format: "%.4g", Double(value))
    }

    /// `number` in parentheses when negative, for substituting into a formula.
    static func signed(_ value: Float) -> String { value < 0 ? "(\(number(value)))" : number(value) }

    /// Six decimals: weights, so that small changes show.
    static func fixed(_ value: Float) -> String { String(format: "%.6f", Double(value)) }

    private static func paragraph(_ text: String, _ width: Int) -> String {
        TextLayout.wrap(text, width: min(width, 80)).joined(separator: "\n") + "\n"
    }
}
