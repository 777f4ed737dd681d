import NeuralNet
import TensorCore

/// A model's layers worked out from its `add` lines without building any of them: each
/// layer's Keras name, output shape and weight shapes. `load` checks a file against the plan
/// (the parameter budget over the whole architecture, every tensor's name and shape) before
/// a single weight is allocated, so a small file describing a huge model costs nothing.
struct ModelPlan {
    /// One weight the model will have: `dense_1.kernel` and its shape.
    struct Weight: Equatable {
        let name: String
        let shape: [Int]
    }

    /// The weights in the order the model lists them.
    private(set) var weights: [Weight] = []
    /// The learnable scalars in all (saturating).
    private(set) var parameterCount = 0

    /// Plans `lines` (canonical `add` lines, the first an input). Throws a `CommandError`
    /// naming the line whose parameters pass `ModelBudget.maximumParameters`. A line that does
    /// not fit its input ends the plan early: building reports it in its own words.
    init(lines: [String]) throws {
        var shape: [Int]? = nil
        var counts: [String: Int] = [:]
        for (number, text) in lines.enumerated() {
            guard let line = try? LayerLine.parse(line: text) else { return }
            if case let .input(height, width, channels) = line {
                shape = [height, width, channels]
                continue
            }
            guard let input = shape, let planned = Self.plan(line, inputShape: input) else { return }
            let parameters = line.parameterCount(inputShape: input)
            let (total, overflow) = parameterCount.addingReportingOverflow(parameters)
            parameterCount = overflow ? Int.max : total
            if parameterCount > ModelBudget.maximumParameters {
                let layer = "layer \(number) (\(line.text))"  // line 1 is the input
                do {
                    let empty = Sequential(inputShape: [1])
                    try ModelBudget.check(parameters: parameterCount, addedTo: empty, layer: layer)
                } catch let error as BudgetError {
                    throw CommandError("architecture line \(number + 1) ('\(String(text.prefix(60)))'): \(error.message)")
                }
            }
            if let base = planned.baseName {
                let earlier = counts[base, default: 0]
                counts[base] = earlier + 1
                let name = earlier == 0 ? base : "\(base)_\(earlier)"
                weights += planned.weights.map { Weight(name: "\(name).\($0.0)", shape: $0.1) }
            }
            shape = planned.outputShape
        }
    }

    /// The output shape of `line` on `inputShape` and, for a layer with weights, its Keras
    /// base name and weight shapes; nil when the line does not fit.
    private static func plan(_ line: LayerLine, inputShape: [Int])
        -> (outputShape: [Int], baseName: String?, weights: [(String, [Int])])? {
        switch line {
        case .input: return nil
        case let .conv(filters, kernelSize, stride, padding, _):
            guard inputShape.count == 3, let geometry = try? ConvolutionGeometry(
                inputHeight: inputShape[0], inputWidth: inputShape[1], channels: inputShape[2],
                kernelHeight: kernelSize, kernelWidth: kernelSize, stride: stride, padding: padding) else { return nil }
            return ([geometry.outputHeight, geometry.outputWidth, filters], "conv2d",
                    [("kernel", [kernelSize, kernelSize, inputShape[2], filters]), ("bias", [filters])])
        case let .dense(units, _):
            guard inputShape.count == 1 else { return nil }
            return ([units], "dense", [("kernel", [inputShape[0], units]), ("bias", [units])])
        case .flatten:
            return ([inputShape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }], nil, [])
        case .dropout, .relu:
            return (inputShape, nil, [])
        case .maxpool:
            var generator = SplitMix64(seed: 0)  // pooling draws nothing
            guard let layer = try? line.makeLayer(inputShape: inputShape, using: &generator) else { return nil }
            return (layer.outputShape, nil, [])
        }
    }

    /// Checks `header` against the planned weights: every weight has a tensor of its name
    /// and shape, and no tensor is left over. Same words as the check after building.
    func match(_ header: SafetensorsHeader, fileName: String) throws {
        for weight in weights {
            guard let entry = header.entry(weight.name) else {
                let names = header.entries.map(\.name)
                let available = names.isEmpty ? "none" : names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", ..." : "")
                throw CommandError("\(fileName) has no tensor '\(weight.name)' (it has: \(available))")
            }
            guard entry.shape == weight.shape else {
                throw CommandError("\(weight.name) is \(weight.shape) in the model but \(entry.shape.prefix(8)) in \(fileName)")
            }
        }
    }
}
