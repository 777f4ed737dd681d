/// `conv grad` stepped: the ReLU (when the demo has one), then every kernel weight's gradient,
/// every input pixel's gradient and the bias's, each with its terms; at the end of each part
/// the whole gradient as one operation (a cross-correlation, a full convolution, a sum).
///
/// On a terminal Enter (or `conv step`) shows the next step; off a terminal every step is
/// printed at once.
final class ConvGradientWalk: Stepper {
    enum Step: Equatable {
        case relu
        case kernelWeight(channel: Int, row: Int, column: Int)
        case pixel(channel: Int, row: Int, column: Int)
        case bias
    }

    let gradient: ConvGradient
    let kernelName: String?
    let steps: [Step]
    private(set) var nextStep = 0

    init(_ gradient: ConvGradient, kernelName: String?) {
        self.gradient = gradient
        self.kernelName = kernelName
        var steps: [Step] = gradient.relu ? [.relu] : []
        for c in 0..<gradient.channels {
            for i in 0..<gradient.kernelRows { for j in 0..<gradient.kernelColumns { steps.append(.kernelWeight(channel: c, row: i, column: j)) } }
        }
        for c in 0..<gradient.channels {
            for y in 0..<gradient.imageRows { for x in 0..<gradient.imageColumns { steps.append(.pixel(channel: c, row: y, column: x)) } }
        }
        steps.append(.bias)
        self.steps = steps
    }

    var isFinished: Bool { nextStep >= steps.count }

    func step(in session: Session) throws {
        guard !isFinished else { throw CommandError("every step has been shown: 'conv grad' starts again") }
        session.console.write("\n" + text(of: steps[nextStep], console: session.console))
        nextStep += 1
        if isFinished { session.console.write("\n" + ending) }
    }

    /// Every step left, at once (`conv run`, and off a terminal).
    func finish(in session: Session) throws {
        while !isFinished { try step(in: session) }
    }

    // MARK: Text

    private var times: String { "*" }
    private func channelSuffix(_ c: Int) -> String { gradient.channels > 1 ? ", channel \(c + 1)" : "" }

    /// What `conv grad` prints before the first step: the forward pass and dL/dY.
    func introduction(console: Console) -> String {
        let g = gradient, width = console.capabilities.width
        var text = Self.paragraph("conv grad: the backward pass of the demo's convolution, stride \(g.stride), padding \(paddingText)"
            + (g.dilation > 1 ? ", dilation \(g.dilation)" : "") + (g.bias != 0 ? ", bias \(NumberFormat.decimal(g.bias))" : "")
            + (g.relu ? ", relu" : "")
            + (g.channels > 1 ? ", \(g.channels) channels" : ""), console) + "\n"
        let prose = "A loss L is computed from the feature map Y. dL/dY, the upstream gradient, says how much L"
            + " would change per unit each cell of Y grows. The backward pass turns it into dL/dK, how L"
            + " changes with each kernel weight (what training needs), dL/dX, how it changes with each input"
            + " pixel (passed back to the layer before), and dL/db for the bias."
        text += TextLayout.wrap(prose, width: min(width, 80) - 2).map { "  " + $0 }.joined(separator: "\n") + "\n\n"
        var blocks: [ConvDemoRenderer.Block] = []
        for c in 0..<g.channels {
            blocks.append(.init(title: "image" + (g.channels > 1 ? " \(c + 1)" : "") + (g.hasPadding ? " + padding" : ""),
                                lines: paddedImageLines(channel: c, console: console)))
            blocks.append(.init(title: "kernel" + (g.channels > 1 ? " \(c + 1)" : (kernelName.map { ": \($0)" } ?? "")),
                                lines: grid(g.kernel[c], console)))
        }
        text += ConvDemoRenderer.layout(blocks, operators: Array(repeating: "", count: blocks.count - 1), width: width)
        let yTitle = g.relu ? "Y = relu(z)" : "feature map Y"
        let y = g.relu ? g.preActivation.map { $0.map { max($0, 0) } } : g.preActivation
        text += "\n" + ConvDemoRenderer.layout([
            .init(title: yTitle, lines: grid(y, console)),
            .init(title: "dL/dY (upstream)", lines: grid(g.upstream, console)),
        ], operators: [""], width: width)
        let loss = zip(g.upstream.joined(), y.joined()).reduce(0) { $0 + $1.0 * $1.1 }
        text += TextLayout.wrap("For example L = the sum of dL/dY * Y, cell by cell, has exactly this gradient;"
            + " here L = \(NumberFormat.decimal(loss)).", width: min(width, 80) - 2).map { "  " + $0 }.joined(separator: "\n") + "\n"
        text += "\n  \(steps.count) steps: \(g.channels * g.kernelRows * g.kernelColumns) kernel weights,"
            + " \(g.channels * g.imageRows * g.imageColumns) input pixels, the bias" + (g.relu ? ", after the ReLU" : "") + ".\n"
        return text
    }

    func text(of step: Step, console: Console) -> String {
        switch step {
        case .relu: reluText(console)
        case let .kernelWeight(c, i, j): kernelWeightText(channel: c, row: i, column: j, console: console)
        case let .pixel(c, y, x): pixelText(channel: c, row: y, column: x, console: console)
        case .bias: biasText(console)
        }
    }

    private func reluText(_ console: Console) -> String {
        let g = gradient
        var text = Self.heading("through the ReLU", "y = max(z, 0) passes the gradient only where z > 0", console)
        let mask = g.preActivation.map { $0.map { $0 > 0 ? 1.0 : 0.0 } }
        text += ConvDemoRenderer.layout([
            .init(title: "z = sum + bias", lines: grid(g.preActivation, console)),
            .init(title: "dL/dY", lines: grid(g.upstream, console)),
            .init(title: "z > 0", lines: grid(mask, console)),
            .init(title: "dL/dz", lines: grid(g.outputGradient, console)),
        ], operators: ["", times, "="], width: console.capabilities.width)
        text += "  From here on, dL/dz stands in for dL/dY.\n"
        return text
    }

    /// "1", or "0 top, 1 bottom, 0 left, 1 right" when the sides differ.
    private var paddingText: String {
        let g = gradient
        if g.padTop == g.padBottom, g.padBottom == g.padLeft, g.padLeft == g.padRight { return "\(g.padTop)" }
        return "\(g.padTop) top, \(g.padBottom) bottom, \(g.padLeft) left, \(g.padRight) right"
    }

    private var upstreamName: String { gradient.relu ? "dL/dz" : "dL/dY" }

    private func kernelWeightText(channel c: Int, row i: Int, column j: Int, console: Console) -> String {
        let g = gradient
        let rows = (0..<g.outputRows).map { $0 * g.stride + i * g.dilation - g.padTop + 1 }
        let columns = (0..<g.outputColumns).map { $0 * g.stride + j * g.dilation - g.padLeft + 1 }
        var text = Self.heading("dL/dK row \(i + 1), column \(j + 1)\(channelSuffix(c))",
            "the weight \(NumberFormat.decimal(g.kernel[c][i][j])) met image rows \(Self.list(rows)),"
            + " columns \(Self.list(columns)), one value per window", console)
        let terms = g.kernelGradientTerms(channel: c, row: i, column: j)
        text += ConvDemoRenderer.layout([
            .init(title: "inputs it touched", lines: grid(g.inputsTouched(channel: c, row: i, column: j), console)),
            .init(title: upstreamName, lines: grid(g.outputGradient, console)),
            .init(title: "products", lines: grid(terms, console)),
        ], operators: [times, "="], width: console.capabilities.width)
        text += ConvDemoRenderer.sum(Array(terms.joined()), total: terms.joined().reduce(0, +), width: console.capabilities.width)
        if i == g.kernelRows - 1, j == g.kernelColumns - 1 { text += "\n" + kernelSummary(channel: c, console: console) }
        return text
    }

    private func kernelSummary(channel c: Int, console: Console) -> String {
        let g = gradient
        var text = Self.paragraph("dL/dK\(channelSuffix(c)) is complete. It is the image cross-correlated with \(upstreamName):"
            + " \(upstreamName) slides over the image as the kernel did" + (g.stride > 1 ? ", its values \(g.stride) cells apart" : "")
            + (g.dilation > 1 ? ", read every \(g.dilation) cells as the dilated kernel's taps are" : "") + ".", console)
        let spread = g.spreadOutputGradient.map { $0.map { $0.map(ConvDemoRenderer.Cell.value) ?? .padding } }
        let result = ConvDemoRenderer.Block(title: "dL/dK", lines: grid(g.kernelGradientByCorrelation(channel: c), console))
        text += Self.fitted([
            .init(title: "image" + (g.hasPadding ? " + padding" : ""), lines: paddedImageLines(channel: c, console: console)),
            .init(title: upstreamName + (g.stride > 1 ? " spread" : ""), lines: ConvDemoRenderer.grid(spread, marked: nil, console: console)),
            result,
        ], operators: [Self.correlation(console), "="], fallback: result, console: console)
        return text
    }

    private func pixelText(channel c: Int, row y: Int, column x: Int, console: Console) -> String {
        let g = gradient
        let (py, px) = (y + g.padTop, x + g.padLeft)
        let windows = g.windowsCovering(row: py, column: px)
        var text = Self.heading("dL/dX row \(y + 1), column \(x + 1)\(channelSuffix(c))",
            "the pixel \(NumberFormat.decimal(g.image[c][y][x])) was under \(windows) window\(windows == 1 ? "" : "s")"
            + "; each weight on it times that window's \(upstreamName)", console)
        let window = g.upstreamWindow(row: py, column: px).map { $0.map { $0.map(ConvDemoRenderer.Cell.value) ?? .padding } }
        let terms = g.inputGradientTerms(channel: c, row: py, column: px)
        let productCells = zip(window, terms).map { zip($0, $1).map { cell, term -> ConvDemoRenderer.Cell in
            if case .value = cell { return .value(term) } else { return .padding }
        } }
        text += ConvDemoRenderer.layout([
            .init(title: "\(upstreamName) there", lines: ConvDemoRenderer.grid(window, marked: nil, console: console)),
            .init(title: "kernel turned 180", lines: grid(g.rotatedKernel(channel: c), console)),
            .init(title: "products", lines: ConvDemoRenderer.grid(productCells, marked: nil, console: console)),
        ], operators: [times, "="], width: console.capabilities.width)
        let used = zip(window.joined(), terms.joined()).compactMap { cell, term -> Double? in
            if case .value = cell { return term } else { return nil }
        }
        text += ConvDemoRenderer.sum(used.isEmpty ? [0] : used, total: used.reduce(0, +), width: console.capabilities.width)
        if y == g.imageRows - 1, x == g.imageColumns - 1 { text += "\n" + pixelSummary(channel: c, console: console) }
        return text
    }

    private func pixelSummary(channel c: Int, console: Console) -> String {
        let g = gradient
        let dot = console.capabilities.unicode ? "·" : "."
        var text = "dL/dX\(channelSuffix(c)) is complete. It is the full convolution of \(upstreamName) with the kernel:"
            + " \(upstreamName)" + (g.stride > 1 ? " spread \(g.stride) apart," : "")
            + " padded with \(g.spanRows - 1) ring\(g.spanRows == 2 ? "" : "s") of zeros (\(dot)),"
            + " cross-correlated with the kernel turned 180 degrees" + (g.dilation > 1 ? " (its taps \(g.dilation) apart)" : "") + ".\n"
        text = Self.paragraph(text, console)
        let padded = g.fullyPaddedOutputGradient.map { $0.map { $0.map(ConvDemoRenderer.Cell.value) ?? .padding } }
        let full = g.paddedInputGradientByConvolution(channel: c)
        let result: [[ConvDemoRenderer.Cell]] = full.indices.map { yy in
            full[yy].indices.map { xx in
                let inImage = (g.padTop..<g.padTop + g.imageRows).contains(yy) && (g.padLeft..<g.padLeft + g.imageColumns).contains(xx)
                return inImage ? .value(full[yy][xx]) : .padding
            }
        }
        let resultBlock = ConvDemoRenderer.Block(title: "dL/dX", lines: ConvDemoRenderer.grid(result, marked: nil, console: console))
        text += Self.fitted([
            .init(title: "\(upstreamName) padded", lines: ConvDemoRenderer.grid(padded, marked: nil, console: console)),
            .init(title: "kernel turned 180", lines: grid(g.rotatedSpreadKernel(channel: c), console)),
            resultBlock,
        ], operators: [Self.correlation(console), "="], fallback: resultBlock, console: console)
        if g.hasPadding {
            text += Self.paragraph("The ring over the padding (\(dot)) is dropped: padding zeros are not pixels of the image.", console)
        }
        return text
    }

    private func biasText(_ console: Console) -> String {
        let g = gradient
        var text = Self.heading("dL/db", "the bias is added to every cell, so its gradient is the sum of \(upstreamName)", console)
        let values = Array(g.outputGradient.joined())
        text += ConvDemoRenderer.sum(values, total: g.biasGradient, width: console.capabilities.width)
        return text
    }

    var ending: String {
        let g = gradient
        var text = "The backward pass is complete:\n"
        for (name, matrices) in [("dL/dK", g.kernelGradient), ("dL/dX", g.inputGradient)] {
            for (c, matrix) in matrices.enumerated() {
                text += Self.matrixLines("  \(name)" + (g.channels > 1 ? " channel \(c + 1)" : "") + " = ", matrix, width: 80)
            }
        }
        text += "  dL/db = \(NumberFormat.decimal(g.biasGradient))\n"
        text += "Training moves each weight a little against its gradient ('conv learn' does).\n"
        return text
    }

    // MARK: Helpers

    /// "TITLE: rest" wrapped to the console's width, the title in bold.
    static func heading(_ title: String, _ rest: String, _ console: Console) -> String {
        var lines = TextLayout.wrap(title + ": " + rest, width: min(console.capabilities.width, 80))
        if lines[0].hasPrefix(title) { lines[0] = console.styled(title, "1") + lines[0].dropFirst(title.count) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` wrapped to the console's width (80 at most).
    static func paragraph(_ text: String, _ console: Console) -> String {
        TextLayout.wrap(text, width: min(console.capabilities.width, 80)).joined(separator: "\n") + "\n"
    }

    /// `blocks` laid out, or only `fallback` with a note when one of them alone is wider than
    /// the console (a large dilated kernel pads dL/dY by many rings).
    static func fitted(_ blocks: [ConvDemoRenderer.Block], operators: [String], fallback: ConvDemoRenderer.Block,
                       console: Console) -> String {
        let width = console.capabilities.width
        let drawn = ConvDemoRenderer.layout(blocks, operators: operators, width: width)
        guard drawn.split(separator: "\n").contains(where: { TextLayout.visibleCount($0) > width }) else { return drawn }
        return paragraph("(The whole operation is too wide to draw in \(width) columns; its result:)", console)
            + ConvDemoRenderer.layout([fallback], operators: [], width: width)
    }

    /// The cross-correlation operator between two drawn matrices.
    static func correlation(_ console: Console) -> String { console.capabilities.unicode ? "⋆" : "corr" }

    /// `[1 0 2; 0 1 0]`, three decimals at most.
    static func matrixText(_ matrix: [[Double]]) -> String {
        "[" + matrix.map { $0.map { NumberFormat.decimal($0) }.joined(separator: " ") }.joined(separator: "; ") + "]"
    }

    /// `label[1 0 2; 0 1 0]`, broken after a row's ";" where the line would pass `width`, the
    /// rows lined up under the first.
    static func matrixLines(_ label: String, _ matrix: [[Double]], width: Int) -> String {
        let rows = matrix.map { $0.map { NumberFormat.decimal($0) }.joined(separator: " ") }
        var lines: [String] = [], current = label + "["
        let indent = String(repeating: " ", count: label.count + 1)
        for (index, row) in rows.enumerated() {
            let piece = row + (index == rows.count - 1 ? "]" : ";")
            if current.count > indent.count, current.count + 1 + piece.count > width {
                lines.append(current)
                current = indent + piece
            } else {
                current += (current.hasSuffix("[") ? "" : " ") + piece
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n") + "\n"
    }

    /// "1-3" for consecutive numbers, else "1, 3, 5".
    static func list(_ numbers: [Int]) -> String {
        guard numbers.count > 1 else { return numbers.map(String.init).joined() }
        let consecutive = zip(numbers, numbers.dropFirst()).allSatisfy { $1 == $0 + 1 }
        return consecutive ? "\(numbers[0])-\(numbers[numbers.count - 1])" : numbers.map(String.init).joined(separator: ", ")
    }

    private func grid(_ matrix: [[Double]], _ console: Console) -> [String] {
        ConvDemoRenderer.grid(ConvDemoRenderer.cells(matrix), marked: nil, console: console)
    }

    private func paddedImageLines(channel c: Int, console: Console) -> [String] {
        let g = gradient
        let cells: [[ConvDemoRenderer.Cell]] = (0..<g.paddedRows).map { y in
            (0..<g.paddedColumns).map { x in
                let inImage = (g.padTop..<g.padTop + g.imageRows).contains(y) && (g.padLeft..<g.padLeft + g.imageColumns).contains(x)
                return inImage ? .value(g.image[c][y - g.padTop][x - g.padLeft]) : .padding
            }
        }
        return ConvDemoRenderer.grid(cells, marked: nil, console: console)
    }
}
