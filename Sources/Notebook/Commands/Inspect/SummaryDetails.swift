import NeuralNet

/// What `summary full` adds to the Keras table: per layer, the parameter count worked out,
/// the receptive field (how much of the input one output cell sees) and the multiply-adds
/// one image costs.
///
/// Receptive field: with `r` the field and `j` the distance in input pixels between adjacent
/// cells (both 1 at the input), a KxK window with stride S gives `r + (K - 1) * j` and
/// `j * S`; Flatten and Dense see the whole input. Multiply-adds: Conv2D
/// `OH * OW * F * KH * KW * C`, Dense `inputs * units`, the rest none.
public enum SummaryDetails {
    /// One layer's figures.
    public struct Row: Equatable, Sendable {
        public var layer: String
        /// The parameter count worked out, e.g. "(3*3*1 + 1) * 32 = 320", or "0".
        public var formula: String
        public var parameters: Int
        /// The receptive field's side, or nil when the layer sees the whole input.
        public var receptiveField: Int?
        public var multiplyAdds: Int
    }

    /// The figures of every layer of `model`, in order.
    public static func rows(_ model: Sequential) -> [Row] {
        var field = 1, jump = 1, seesEverything = false
        let inputSide = model.inputShape.first ?? 1
        return model.layers.map { layer in
            var formula = "0"
            var multiplyAdds = 0
            if let conv = layer as? Conv2D {
                let shape = conv.kernel.value.shape  // [KH, KW, C, F]
                formula = "(\(shape[0])*\(shape[1])*\(shape[2]) + 1) * \(shape[3]) = \(NumberFormat.grouped(conv.parameterCount))"
                multiplyAdds = conv.outputShape[0] * conv.outputShape[1] * shape[3] * shape[0] * shape[1] * shape[2]
                field += (conv.geometry.kernelHeight - 1) * jump
                jump *= conv.geometry.stride
            } else if let pool = layer as? MaxPooling2D {
                field += (pool.geometry.kernelHeight - 1) * jump
                jump *= pool.geometry.stride
            } else if let dense = layer as? Dense {
                let inputs = dense.inputShape.reduce(1, *)
                formula = "(\(NumberFormat.grouped(inputs)) + 1) * \(dense.units) = \(NumberFormat.grouped(dense.parameterCount))"
                multiplyAdds = inputs * dense.units
                seesEverything = true
            } else if layer is Flatten {
                seesEverything = true
            }
            return Row(layer: layer.name, formula: formula, parameters: layer.parameterCount,
                       receptiveField: seesEverything || field >= inputSide ? nil : field, multiplyAdds: multiplyAdds)
        }
    }

    /// The table, and a line on what the total means for training.
    public static func lines(_ model: Sequential, capabilities: TerminalCapabilities) -> [String] {
        let rows = rows(model)
        let inputSide = model.inputShape.first ?? 1
        let totalMultiplyAdds = rows.reduce(0) { $0 + $1.multiplyAdds }
        let table = TextTable(
            columns: [.init("layer"), .init("parameters"), .init("receptive field"), .init("multiply-adds", .right)],
            rows: rows.map { row in
                [row.layer, row.formula, row.receptiveField.map { "\($0)x\($0)" } ?? "\(inputSide)x\(inputSide) (all)",
                 NumberFormat.grouped(row.multiplyAdds)]
            },
            footer: [["total", NumberFormat.grouped(rows.reduce(0) { $0 + $1.parameters }), "",
                      NumberFormat.grouped(totalMultiplyAdds)]])
        let megaflops = NumberFormat.decimal(Double(totalMultiplyAdds) * 6 / 1e6, maximumFractionDigits: 1)
        return table.lines(capabilities: capabilities) + [
            "",
            "A multiply-add is 2 floating-point operations; training on one image costs about",
            "3 forward passes (forward, then gradients for inputs and weights): \(megaflops) MFLOP.",
        ]
    }
}
