import NeuralNet

/// `explain LAYER ROW COL FILTER [INDEX]`: one output cell of the current model for a test
/// image, computed term by term.
enum ExplainCommand: Command {
    static let name = "explain"
    static let forms = [
        CommandForm(nil, [.required("LAYER", .text), .required("ROW", .integer(1...Int(Int32.max))),
                          .required("COL", .integer(1...Int(Int32.max))),
                          .required("FILTER", .text, suggestions: { ["strongest"] }), .imageIndex(optional: true)]),
    ]
    static let summary = "one cell of a layer for one image, term by term"
    static let discussion = """
        Recomputes one output of the current model for test image INDEX (from 0;
        default 0) from the layer's input and weights, every number shown. For a
        conv layer: the window of the input under output ROW, COL (from 1, as
        'conv demo' numbers them), the kernel slice of FILTER (from 1), their
        products and sum in each input channel (all of them for one channel, the
        largest few and the total for many), then + bias, the pre-activation and
        the ReLU. FILTER 'strongest' picks the filter (or unit) whose output
        there is largest. For a dense layer (ROW and COL ignored, FILTER is the unit): the
        largest terms of its weighted sum, the bias, the activation (softmax over
        all units for the last layer). The result is what 'features' draws.
        Works on a trained, a loaded and an untrained model.

        LAYER is the layer's number as 'summary' lists them (1 = first) or its name.
        """
    static let examples = [
        "explain 1 1 1 1 0",
        "explain 2 3 3 5",
        "explain 2 4 4 strongest 0",
        "explain dense_1 1 1 10 0",
    ]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let workspace = session.workspace
        let model = try workspace.requireModel()
        guard model.inputShape == [28, 28, 1] else {
            throw CommandError("the model takes \(workspace.shapeText(model.inputShape)) inputs, not Fashion-MNIST's (None, 28, 28, 1)")
        }
        let (layerIndex, layer) = try LayerReference.resolve(invocation.word(required: "LAYER"), in: model)
        let (images, isSample) = try TestImages.images(.test, in: session)
        try workspace.checkFit(images, to: model, set: "test")
        try workspace.checkMemory(of: model, batchSize: 1)
        let index = try invocation.index("INDEX", below: images.count)
        let row = invocation.integer(required: "ROW")
        let column = invocation.integer(required: "COL")
        let width = session.console.capabilities.width
        let image = images.imageBatch([index])
        let heading = "test image \(index) (\(TestImages.className(Int(images.labels[index])))), "
            + LayerReference.describe(index: layerIndex, layer: layer)
        let inputName = layerIndex == 0
            ? "the image (each pixel / 255)"
            : "the output of " + LayerReference.describe(index: layerIndex - 1, layer: model.layers[layerIndex - 1])
        var lines: [String]
        switch layer {
        case let conv as Conv2D:
            let shape = conv.outputShape
            guard row <= shape[0], column <= shape[1] else {
                throw CommandError("\(conv.name) outputs \(shape[0])x\(shape[1]) maps: ROW and COL must be 1-\(shape[0]) and 1-\(shape[1]), got \(row) \(column)")
            }
            let (input, output) = ModelCell.inputAndOutput(of: model, layerIndex: layerIndex, image: image)
            let filter = try filterNumber(invocation, count: conv.filters, name: "FILTER") {
                ModelCell.strongest(in: output, at: (row - 1) * shape[1] + column - 1, of: conv.filters)
            }
            let cell = ModelCell(layerIndex: layerIndex, row: row - 1, column: column - 1, filter: filter - 1)
            let explained = ConvolutionCell(layer: conv, cell: cell, input: input, output: output)
            lines = TextLayout.wrap(heading + ", filter \(filter) of \(conv.filters)\(picked(invocation)), row \(row), column \(column):", width: width)
            lines += explained.lines(inputName: inputName, featuresCommand: "features \(layerIndex + 1) \(index)", width: width)
        case let dense as Dense:
            let (input, output) = ModelCell.inputAndOutput(of: model, layerIndex: layerIndex, image: image)
            let unit = try filterNumber(invocation, count: dense.units, name: "FILTER (the unit)") {
                ModelCell.strongest(in: output, at: 0, of: dense.units)
            }
            let explained = DenseCell(layer: dense, unit: unit - 1, input: input, output: output)
            let classNote = layerIndex == model.layers.count - 1 && dense.units == workspace.classNames.count
                ? " (class \(unit - 1), \(workspace.classNames[unit - 1]))" : ""
            lines = TextLayout.wrap(heading + ", unit \(unit) of \(dense.units)\(picked(invocation))\(classNote):", width: width)
            lines += explained.lines(inputName: inputName, origin: {
                ModelCell.flatOrigin(of: $0, in: model, layerIndex: layerIndex)
            }, width: width)
        default:
            throw CommandError("\(layer.name) (\(layer.typeName)) computes no weighted sums to explain; explain a Conv2D or Dense layer (\(LayerReference.convolutionList(model)))")
        }
        if isSample { lines.append(TestImages.sampleNote(images)) }
        if workspace.weightsAreFresh { lines.append("(not trained yet: these are the random initial weights)") }
        lines.forEach { session.console.line($0) }
    }

    /// " (the strongest here)" when FILTER was 'strongest'.
    private static func picked(_ invocation: Invocation) -> String {
        invocation.word(required: "FILTER").lowercased() == "strongest" ? " (the strongest here)" : ""
    }

    /// FILTER as a number from 1, or for 'strongest' the one `strongest` gives (0-based).
    private static func filterNumber(_ invocation: Invocation, count: Int, name: String,
                                     strongest: () -> Int) throws -> Int {
        let word = invocation.word(required: "FILTER")
        if word.lowercased() == "strongest" { return strongest() + 1 }
        return try Arguments.integer(word, name: name, in: 1...count)
    }
}
