/// `params conv K CIN FILTERS`, `params dense IN UNITS`, `params compare H W C K FILTERS [S]`:
/// parameter counts with the arithmetic shown, and conv against dense.
enum ParamsCommand: Command {
    static let name = "params"
    static let forms = [
        CommandForm("conv", [.required("K", .integer(kernelRange)), .required("CIN", .integer(sizeRange)),
                             .required("FILTERS", .integer(sizeRange))]),
        CommandForm("dense", [.required("IN", .integer(sizeRange)), .required("UNITS", .integer(sizeRange))]),
        CommandForm("compare", [.required("H", .integer(sizeRange)), .required("W", .integer(sizeRange)),
                                .required("C", .integer(sizeRange)), .required("K", .integer(kernelRange)),
                                .required("FILTERS", .integer(sizeRange)), .optional("S", .integer(sizeRange))]),
    ]
    static let summary = "count weights and biases; conv against dense"
    static let discussion = """
        A conv layer has FILTERS kernels, each K x K x CIN (one weight per input channel
        under the window), plus one bias per filter:

            (K*K*CIN + 1) * FILTERS           e.g. params conv 3 32 64 -> 18,496

        A dense (fully connected) layer joins every input to every unit, plus one bias
        per unit:  IN*UNITS + UNITS.

        'params compare' takes an H x W x C input and a conv layer of FILTERS K x K
        kernels with stride S (default 1, no padding), and a dense layer from the same
        H*W*C inputs to as many outputs as the conv layer produces. The conv layer needs
        far fewer parameters because it shares its weights: the same kernel is used at
        every position of the image. Numbers may be written 18,496 or 18496.
        """
    static let examples = ["params conv 3 32 64", "params dense 512 10", "params compare 28 28 1 3 32 2"]

    static let sizeRange = 1...1_000_000
    static let kernelRange = 1...1_000

    static func run(_ invocation: Invocation, in session: Session) throws {
        let bold = { session.console.styled($0, "1") }
        func value(_ name: String) -> Int { invocation.integer(required: name) }
        let text: String
        switch invocation.subcommand {
        case "conv":
            text = try conv(kernel: value("K"), inputChannels: value("CIN"), filters: value("FILTERS"), style: bold).text
        case "dense":
            text = try dense(inputs: value("IN"), units: value("UNITS"), style: bold).text
        default:
            text = try compare(height: value("H"), width: value("W"), channels: value("C"), kernel: value("K"),
                               filters: value("FILTERS"), stride: invocation.integer("S") ?? 1,
                               lineWidth: min(session.console.capabilities.width, 78), style: bold)
        }
        session.console.write(text)
    }

    /// A conv layer's parameters: (K*K*CIN + 1) * FILTERS, and the worked sum.
    static func conv(kernel: Int, inputChannels: Int, filters: Int, style: (String) -> String = { $0 }) throws -> (count: Int, text: String) {
        let perFilter = try ConvolutionArithmetic.product(kernel, kernel, inputChannels)
        let weights = try ConvolutionArithmetic.product(perFilter, filters)
        let total = try ConvolutionArithmetic.product(ConvolutionArithmetic.sum(perFilter, 1), filters)
        let g = NumberFormat.grouped
        let text = """
            \(g(filters)) filter\(filters == 1 ? "" : "s") of \(kernel)x\(kernel)x\(g(inputChannels)), one bias each
            weights: K*K*CIN*FILTERS   = \(kernel)*\(kernel)*\(inputChannels)*\(filters) = \(g(weights))
            biases:  FILTERS           = \(g(filters))
            total:   (K*K*CIN + 1) * FILTERS = (\(kernel)*\(kernel)*\(inputChannels) + 1) * \(filters) = \(g(perFilter + 1)) * \(g(filters))
                   = \(style(g(total)))

            """
        return (total, text)
    }

    /// A dense layer's parameters: IN*UNITS + UNITS, and the worked sum.
    static func dense(inputs: Int, units: Int, style: (String) -> String = { $0 }) throws -> (count: Int, text: String) {
        let weights = try ConvolutionArithmetic.product(inputs, units)
        let total = try ConvolutionArithmetic.sum(weights, units)
        let g = NumberFormat.grouped
        let text = """
            \(g(units)) unit\(units == 1 ? "" : "s"), each joined to all \(g(inputs)) inputs, one bias each
            weights: IN*UNITS   = \(g(inputs)) * \(g(units)) = \(g(weights))
            biases:  UNITS      = \(g(units))
            total:   IN*UNITS + UNITS = \(g(weights)) + \(g(units))
                   = \(style(g(total)))

            """
        return (total, text)
    }

    /// A conv layer against the dense layer with the same inputs and outputs; the closing
    /// paragraph wrapped at `lineWidth` (the console's width, at most 78: wrapped any wider,
    /// the console would break each of its lines again, leaving a ragged paragraph).
    static func compare(height: Int, width: Int, channels: Int, kernel: Int, filters: Int, stride: Int,
                        lineWidth: Int = 78, style: (String) -> String = { $0 }) throws -> String {
        guard let rows = ConvolutionArithmetic.outputSize(input: height, kernel: kernel, stride: stride),
              let columns = ConvolutionArithmetic.outputSize(input: width, kernel: kernel, stride: stride) else {
            throw CommandError("kernel \(kernel) is larger than the \(height)x\(width) input")
        }
        let g = NumberFormat.grouped
        let inputs = try ConvolutionArithmetic.product(height, width, channels)
        let outputs = try ConvolutionArithmetic.product(rows, columns, filters)
        let convCount = try conv(kernel: kernel, inputChannels: channels, filters: filters).count
        let denseCount = try dense(inputs: inputs, units: outputs).count
        let ratio = Double(denseCount) / Double(convCount)
        let ratioText = ratio >= 1 ? "\(grouped(ratio)) times as many" : "\(grouped(1 / ratio)) times fewer"
        let kernels = filters == 1 ? "kernel of \(kernel)x\(kernel)x\(channels) is" : "\(filters) kernels of \(kernel)x\(kernel)x\(channels) are"
        let sharing = "The dense layer needs \(ratioText) parameters. The conv layer shares its weights:"
            + " the same \(kernels) used at all \(g(rows * columns)) positions, so a pattern it learns to detect"
            + " is found wherever it appears in the image. The dense layer learns a separate weight for every"
            + " input-output pair."
        return """
            input \(height)x\(width)x\(channels) = \(g(inputs)) values
            conv \(kernel)x\(kernel), \(filters) filters, stride \(stride), no padding:
              rows    \(DimsCommand.formula(input: height, kernel: kernel, stride: stride, padding: 0))
            \(height == width && rows == columns ? "" : "  columns \(DimsCommand.formula(input: width, kernel: kernel, stride: stride, padding: 0))\n")\
              output  \(rows)x\(columns)x\(filters) = \(g(outputs)) values

            conv layer:   (K*K*C + 1) * FILTERS = (\(kernel)*\(kernel)*\(channels) + 1) * \(filters) = \(g(convCount))
            dense layer:  IN*OUT + OUT = \(g(inputs)) * \(g(outputs)) + \(g(outputs)) = \(g(denseCount))
            ratio:        \(g(denseCount)) / \(g(convCount)) = \(style(grouped(ratio)))

            \(TextLayout.wrap(sharing, width: lineWidth).joined(separator: "\n"))

            """
    }

    /// A ratio with one decimal and thousands separators: 13266.5 -> "13,266.5".
    private static func grouped(_ value: Double) -> String {
        guard value.isFinite, value < 9e15 else { return NumberFormat.decimal(value, maximumFractionDigits: 1) }
        let tenths = Int((value * 10).rounded())
        let fraction = tenths % 10
        return NumberFormat.grouped(tenths / 10) + (fraction == 0 ? "" : ".\(fraction)")
    }
}
