/// `params conv K CIN FILTERS`, `params dense IN UNITS`, `params compare H W C K FILTERS [S]`:
/// parameter counts with the arithmetic shown, and conv against dense.
enum ParamsCommand: Command {
    static let name = "params"
    static let usage = "params conv K CIN FILTERS | params dense IN UNITS | params compare H W C K FILTERS [S]"
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

        Examples:
          params conv 3 32 64
          params dense 512 10
          params compare 28 28 1 3 32 2
        """
    static let completions = ["conv", "dense", "compare"]

    static let sizeRange = 1...1_000_000
    static let kernelRange = 1...1_000

    static func run(_ arguments: Arguments, in session: Session) throws {
        try arguments.expectKeywords([])
        guard let form = arguments.positionals.first?.lowercased() else {
            throw CommandError("say which layer: conv, dense or compare")
        }
        let values = try Arguments(Array(arguments.positionals.dropFirst()))
        let bold = { session.console.styled($0, "1") }
        let text: String
        switch form {
        case "conv":
            try values.expectPositionals(3, 3)
            text = try conv(kernel: values.integer(at: 0, name: "K", in: kernelRange),
                            inputChannels: values.integer(at: 1, name: "CIN", in: sizeRange),
                            filters: values.integer(at: 2, name: "FILTERS", in: sizeRange), style: bold).text
        case "dense":
            try values.expectPositionals(2, 2)
            text = try dense(inputs: values.integer(at: 0, name: "IN", in: sizeRange),
                             units: values.integer(at: 1, name: "UNITS", in: sizeRange), style: bold).text
        case "compare":
            try values.expectPositionals(5, 6)
            text = try compare(height: values.integer(at: 0, name: "H", in: sizeRange),
                               width: values.integer(at: 1, name: "W", in: sizeRange),
                               channels: values.integer(at: 2, name: "C", in: sizeRange),
                               kernel: values.integer(at: 3, name: "K", in: kernelRange),
                               filters: values.integer(at: 4, name: "FILTERS", in: sizeRange),
                               stride: values.integer(at: 5, name: "S", in: sizeRange, default: 1), style: bold)
        default:
            throw CommandError("unknown layer '\(CommandError.quoted(form))' (expected conv, dense or compare)")
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

    /// A conv layer against the dense layer with the same inputs and outputs.
    static func compare(height: Int, width: Int, channels: Int, kernel: Int, filters: Int, stride: Int,
                        style: (String) -> String = { $0 }) throws -> String {
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

            \(TextLayout.wrap(sharing, width: 78).joined(separator: "\n"))

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
