/// `dims IN K [S] [P] [dilation=D]`: the output size of a convolution, worked out step by step;
/// `dims chain IN K/S[/P] ...`: the sizes through a stack of layers.
enum DimsCommand: Command {
    static let name = "dims"
    static let forms = [
        CommandForm(nil, [.required("IN", .integer(inputRange)), .required("K", .integer(kernelRange)),
                          .optional("S", .integer(strideRange)), .optional("P", .integer(paddingRange))],
                    options: [.stride(strideRange), .padding(paddingRange), .dilation(dilationRange)]),
        CommandForm("chain", [.required("IN", .integer(inputRange)),
                              .repeating("K/S[/P]", .text, label: "a layer (K/S or K/S/P)")]),
    ]
    static let summary = "output size of a convolution, worked out"
    static let discussion = """
        A kernel of size K slides over an input of size IN, moving S cells at a time
        (the stride, default 1), over an input with P zeros added on each side (the
        padding, default 0). The number of positions it takes is

            output = (IN + 2P - K) / S + 1      with the division rounded down

        When the division is not exact the kernel stops before the end: the last rows
        and columns are never looked at, and dims names them. It also shows what Keras's
        padding='same' gives, ceil(IN / S). dilation=D spreads the kernel's taps D cells
        apart, so it spans D*(K-1) + 1 cells.

        'dims chain' follows the size through a stack of layers, each written K/S or
        K/S/P (the tutorial's three convolutions: 28 -> 13 -> 6 -> 2).
        """
    static let examples = ["dims 28 3 2", "dims 5 3 1 1", "dims 28 3 dilation=2", "dims chain 28 3/2 3/2 3/2"]

    static let inputRange = 1...1_000_000
    static let kernelRange = 1...100_000
    static let strideRange = 1...100_000
    static let paddingRange = 0...100_000
    static let dilationRange = 1...10_000
    static let maximumChainLength = 64

    static func run(_ invocation: Invocation, in session: Session) throws {
        if invocation.subcommand == "chain" {
            try runChain(invocation, in: session)
            return
        }
        let input = invocation.integer(required: "IN")
        let kernel = invocation.integer(required: "K")
        let stride = try agreeing(invocation.integer("S"), invocation.integer("stride"), name: "stride") ?? 1
        let dilation = invocation.integer("dilation") ?? 1
        let console = session.console
        if invocation.has("P") && invocation.has("padding") {
            throw CommandError("the padding is given twice: as P and as padding=")
        }
        switch invocation.integer("P").map(PaddingChoice.explicit) ?? invocation.padding() {
        case .same?:
            console.write(explainSame(input: input, kernel: kernel, stride: stride, dilation: dilation, console: console))
        case let .explicit(padding)?:
            console.write(try explain(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
                                      console: console))
        case .valid?, nil:
            console.write(try explain(input: input, kernel: kernel, stride: stride, padding: 0, dilation: dilation,
                                      console: console))
        }
    }

    /// The stride given as S or as stride=; both is fine only if they agree.
    private static func agreeing(_ positional: Int?, _ keyword: Int?, name: String) throws -> Int? {
        if let positional, let keyword, positional != keyword {
            throw CommandError("the \(name) is given twice with different values (\(positional) and \(keyword))")
        }
        return positional ?? keyword
    }

    /// The worked answer for one layer (see the type's discussion).
    static func explain(input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int, console: Console) throws -> String {
        let span = ConvolutionArithmetic.effectiveKernel(kernel, dilation: dilation)
        let padded = input + 2 * padding
        guard let output = ConvolutionArithmetic.outputSize(input: input, kernel: kernel, stride: stride,
                                                            padding: padding, dilation: dilation) else {
            throw CommandError(kernelTooLarge(span: span, kernel: kernel, dilation: dilation, input: input, padding: padding))
        }
        var text = ""
        if dilation > 1 {
            text += "dilation \(dilation): the kernel's taps are \(dilation) apart, so it spans\n"
            text += "  D*(K-1) + 1 = \(dilation)*(\(kernel)-1) + 1 = \(span) cells\n\n"
        }
        let numerator = padded - span
        let lines = [
            "(IN + 2*P - \(dilation > 1 ? "(D*(K-1)+1)" : "K")) / S + 1",
            "(\(input) + 2*\(padding) - \(span)) / \(stride) + 1",
            "\(numerator) / \(stride) + 1",
        ]
        text += "output = " + lines[0] + "\n"
        text += "       = " + lines[1] + "\n"
        text += "       = " + lines[2] + "\n"
        if numerator % stride == 0 {
            text += "       = \(numerator / stride) + 1\n"
        } else {
            let exact = NumberFormat.quotient(numerator, stride)
            text += "       = floor(\(exact)) + 1" + "    \(numerator) / \(stride) = \(exact) is not whole: round down\n"
            text += "       = \(numerator / stride) + 1\n"
        }
        text += "       = " + console.styled("\(output)", "1") + "\n\n"
        text += "A \(input)x\(input) input gives a \(output)x\(output) output.\n"
        text += coverage(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
                         output: output, remainder: numerator % stride)
        let same = ConvolutionArithmetic.sameOutputSize(input: input, stride: stride)
        let samePadding = ConvolutionArithmetic.samePaddingTotal(input: input, span: span, stride: stride)
        text += "padding='same' would give ceil(\(input) / \(stride)) = \(same)"
            + " (Keras adds \(samePadding) zero row\(samePadding == 1 ? "" : "s") in all).\n"
        text += sameSplitSentence(input: input, span: span, stride: stride)
        return text
    }

    /// padding='same' as Keras computes it: output ceil(IN / S), and the zeros that takes split
    /// with the odd one at the bottom and right.
    static func explainSame(input: Int, kernel: Int, stride: Int, dilation: Int, console: Console) -> String {
        let span = ConvolutionArithmetic.effectiveKernel(kernel, dilation: dilation)
        let output = ConvolutionArithmetic.sameOutputSize(input: input, stride: stride)
        let total = ConvolutionArithmetic.samePaddingTotal(input: input, span: span, stride: stride)
        var text = "padding='same': Keras pads so that the output is ceil(IN / S)\n"
        text += "output = ceil(\(input) / \(stride)) = " + console.styled("\(output)", "1") + "\n\n"
        text += "That takes max((\(output) - 1)*\(stride) + \(span) - \(input), 0) = \(total) zero row\(total == 1 ? "" : "s") in all.\n"
        text += "Check: (\(input) + \(total) - \(span)) / \(stride) + 1 = \((input + total - span) / stride + 1).\n"
        text += sameSplitSentence(input: input, span: span, stride: stride)
        return text
    }

    /// Which input rows the kernel never touches, or that it touches them all.
    private static func coverage(input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int,
                                 output: Int, remainder: Int) -> String {
        guard let missed = ConvolutionArithmetic.unvisited(input: input, kernel: kernel, stride: stride,
                                                           padding: padding, dilation: dilation) else {
            if remainder == 0 { return "The last window ends exactly at the border.\n" }
            return "The division leaves \(remainder): the last \(remainder) padded row(s) are never visited.\n"
        }
        if missed.isEmpty { return "Every row and column of the input is visited by the kernel.\n" }
        let noun = missed.count == 1 ? "row" : "rows"
        var text = "Never visited by the kernel: input \(noun) \(ConvolutionArithmetic.describe(missed))"
            + " (and the same columns).\n"
        if remainder > 0 {
            text += "The division leaves \(remainder) cell\(remainder == 1 ? "" : "s") over at the end: too few for another step.\n"
        }
        return text
    }

    private static func kernelTooLarge(span: Int, kernel: Int, dilation: Int, input: Int, padding: Int) -> String {
        let what = dilation > 1 ? "the dilated kernel (\(span) cells)" : "kernel \(kernel)"
        return "\(what) is larger than the padded input \(input) + 2*\(padding) = \(input + 2 * padding)"
    }

    // MARK: chain

    private static func runChain(_ invocation: Invocation, in session: Session) throws {
        let layers = invocation.words("K/S[/P]")
        guard layers.count <= maximumChainLength else {
            throw CommandError("at most \(maximumChainLength) layers, got \(layers.count)")
        }
        var size = invocation.integer(required: "IN")
        var sizes = [size]
        var steps = ""
        for (index, step) in layers.enumerated() {
            let layer = index + 1
            let (kernel, stride, padding) = try parseStep(step, layer: layer)
            guard let next = ConvolutionArithmetic.outputSize(input: size, kernel: kernel, stride: stride, padding: padding) else {
                throw CommandError("layer \(layer): " + kernelTooLarge(span: kernel, kernel: kernel, dilation: 1, input: size, padding: padding))
            }
            steps += "layer \(layer)  K=\(kernel) S=\(stride) P=\(padding):  "
                + formula(input: size, kernel: kernel, stride: stride, padding: padding) + "\n"
            size = next
            sizes.append(size)
        }
        session.console.line(session.console.styled(sizes.map(String.init).joined(separator: " -> "), "1"))
        session.console.line()
        session.console.write(steps)
    }

    /// One line of working: "(28 + 2*0 - 3) / 2 + 1 = floor(12.5) + 1 = 13" (the padding
    /// term only when padding > 0). The kernel must fit the padded input.
    static func formula(input: Int, kernel: Int, stride: Int, padding: Int) -> String {
        let numerator = input + 2 * padding - kernel
        let quotient = numerator % stride == 0 ? "\(numerator / stride)" : "floor(\(NumberFormat.quotient(numerator, stride)))"
        let paddingTerm = padding > 0 ? " + 2*\(padding)" : ""
        return "(\(input)\(paddingTerm) - \(kernel)) / \(stride) + 1 = \(quotient) + 1 = \(numerator / stride + 1)"
    }

    /// "K", "K/S" or "K/S/P".
    private static func parseStep(_ text: String, layer: Int) throws -> (kernel: Int, stride: Int, padding: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count) else {
            throw CommandError("layer \(layer): expected K/S or K/S/P, got '\(CommandError.quoted(text))'")
        }
        let kernel = try Arguments.integer(parts[0], name: "layer \(layer) K", in: kernelRange)
        let stride = parts.count > 1 ? try Arguments.integer(parts[1], name: "layer \(layer) S", in: strideRange) : 1
        let padding = parts.count > 2 ? try Arguments.integer(parts[2], name: "layer \(layer) P", in: paddingRange) : 0
        return (kernel, stride, padding)
    }
}
