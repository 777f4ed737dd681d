import TensorCore

/// The memory a model may take, checked before anything is allocated, so that no model a
/// learner types or a file describes can exhaust memory.
///
/// Two limits, generous for learning (the tutorial's model has 360,458 parameters and needs
/// 0.2 MB per image; the lessons' experiments stay far inside both):
/// - `maximumParameters`: 50,000,000 learnable scalars in all (200 MB of Float32; training
///   with Adam holds three more copies: gradients and two moments).
/// - `maximumBytesPerExample`: 512 MB for one image going through the model while training:
///   its input, each layer's output and output gradient, each convolution's im2col matrix
///   counted twice, an allowance for backward's scratch (`scalarsPerExample`). An estimate
///   for refusing what cannot fit, not an exact count.
/// A batch is further limited to `maximumBatchBytes` (2 GB) by the commands that choose one.
///
/// `Sequential` itself does not enforce the budget: whatever builds a model from what a
/// learner typed or a file holds (`add`, `load`) calls `check(adding:to:)` layer by layer.
public enum ModelBudget {
    public static let maximumParameters = 50_000_000
    public static let maximumBytesPerExample = 512_000_000
    public static let maximumBatchBytes = 2_000_000_000

    /// Scalars one example needs while training through `layer`: its output and output
    /// gradient, and for a convolution twice its im2col matrix (the matrix, whose buffer
    /// backward reuses for its gradient, and as much again for backward's other scratch).
    public static func scalarsPerExample(_ layer: any Layer) -> Double {
        var total = 2 * Double(layer.outputShape.reduce(1, *))
        if let conv = layer as? Conv2D {
            total += 2 * Double(conv.geometry.outputPositions) * Double(conv.geometry.windowCount)
        }
        return total
    }

    /// Scalars one example needs while training `model`: its input plus every layer's share.
    public static func scalarsPerExample(_ model: Sequential) -> Double {
        model.layers.reduce(Double(model.inputShape.reduce(1, *))) { $0 + scalarsPerExample($1) }
    }

    /// Bytes one example needs while training `model`.
    public static func bytesPerExample(_ model: Sequential) -> Double { 4 * scalarsPerExample(model) }

    /// Refuses a layer of `parameters` learnable scalars on top of `model` when the total
    /// would pass `maximumParameters`. Called before the layer is built. `layer` describes it
    /// in the error (`layer 3 (dense 7000)`).
    public static func check(parameters: Int, addedTo model: Sequential, layer: String) throws {
        let (total, overflow) = model.parameterCount.addingReportingOverflow(parameters)
        guard overflow || total > maximumParameters else { return }
        let shown = overflow ? "more than \(grouped(Int.max / 4)) parameters" : "\(grouped(total)) parameters (\(size(4 * Double(total))))"
        throw BudgetError("\(layer) would bring the model to \(shown); convbook's limit is "
                          + "\(grouped(maximumParameters)) (\(size(4 * Double(maximumParameters)))): use fewer units or filters, or a smaller input")
    }

    /// Refuses `layer` (built, not yet added) when one example through `model` and it would
    /// need more than `maximumBytesPerExample`.
    public static func check(adding layer: any Layer, to model: Sequential, described description: String) throws {
        let bytes = 4 * (scalarsPerExample(model) + scalarsPerExample(layer))
        guard bytes > Double(maximumBytesPerExample) else { return }
        throw BudgetError("\(description) would need about \(size(bytes)) per image for its activations"
                          + " (the limit is \(size(Double(maximumBytesPerExample)))): use fewer filters, a smaller kernel, a stride or pooling")
    }

    /// Refuses a batch of `batchSize` examples through `model` above `maximumBatchBytes`,
    /// and any model whose single example passes `maximumBytesPerExample` (one loaded before
    /// the budget existed cannot be, but every command that runs a model asks).
    public static func check(_ model: Sequential, batchSize: Int) throws {
        let perExample = bytesPerExample(model)
        guard perExample <= Double(maximumBytesPerExample) else {
            throw BudgetError("one image would need about \(size(perExample)) for this model's activations"
                              + " (the limit is \(size(Double(maximumBytesPerExample)))); make its layers smaller")
        }
        let bytes = perExample * Double(batchSize)
        guard bytes <= Double(maximumBatchBytes) else {
            throw BudgetError("batch=\(batchSize) would need about \(size(bytes)) for this model's activations; use a smaller batch")
        }
    }

    /// "52 GB", "600 MB" (powers of 1000).
    static func size(_ bytes: Double) -> String {
        bytes >= 1e9 ? "\(grouped(Int(min(bytes, 1e18) / 1e9))) GB" : "\(Int(bytes / 1e6)) MB"
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
    }
}

/// A model over `ModelBudget`: one line naming the layer and the size.
public struct BudgetError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
