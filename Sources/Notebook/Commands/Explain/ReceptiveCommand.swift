import NeuralNet

/// `receptive LAYER ROW COL [INDEX]`: the input region one cell of a layer depends on,
/// drawn on a test image.
enum ReceptiveCommand: Command {
    static let name = "receptive"
    static let forms = [
        CommandForm(nil, [.required("LAYER", .text), .required("ROW", .integer(1...Int(Int32.max))),
                          .required("COL", .integer(1...Int(Int32.max))), .imageIndex(optional: true)]),
    ]
    static let summary = "the part of the image one cell of a layer sees"
    static let discussion = """
        Draws test image INDEX (from 0; default 0) with the region of the input that
        output ROW, COL (from 1) of LAYER depends on boxed, says how big it is, and
        works the size out layer by layer: each KxK window adds (K-1) times the
        jump between neighbouring cells, and each stride multiplies the jump. For
        the tutorial's three conv layers: 3x3, 7x7, 15x15. Uses the current
        model's layers, or the tutorial's when there is no model (only the layer
        sizes matter, not the weights).

        LAYER is the layer's number as 'summary' lists them (1 = first) or its name.
        """
    static let examples = [
        "receptive 1 1 1",
        "receptive 3 2 2 0",
    ]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let workspace = session.workspace
        var model = workspace.model
        var notes: [String] = []
        if model?.layers.isEmpty ?? true {
            let scratch = Workspace()
            try scratch.build(from: Workspace.tutorialArchitecture)
            model = scratch.model
            notes.append("(no model yet: using the tutorial's layers; 'summary' after 'model tutorial' lists them)")
        }
        guard let model else { throw CommandError("no model") }
        guard model.inputShape == [28, 28, 1] else {
            throw CommandError("the model takes \(workspace.shapeText(model.inputShape)) inputs, not Fashion-MNIST's (None, 28, 28, 1)")
        }
        let (layerIndex, layer) = try LayerReference.resolve(invocation.word(required: "LAYER"), in: model)
        let row = invocation.integer(required: "ROW")
        let column = invocation.integer(required: "COL")
        let (images, isSample) = try TestImages.images(.test, in: session)
        try workspace.checkFit(images, to: model, set: "test")
        let index = try invocation.index("INDEX", below: images.count)
        let field = try ReceptiveField(model: model, layerIndex: layerIndex, row: row - 1, column: column - 1)
        let capabilities = session.console.capabilities
        var lines = notes.flatMap { TextLayout.wrap($0, width: capabilities.width) }
        lines += field.explanation(layerName: LayerReference.describe(index: layerIndex, layer: layer),
                                   row: row - 1, column: column - 1, width: capabilities.width)
        lines.append("test image \(index) (\(TestImages.className(Int(images.labels[index])))), the region boxed:")
        let map = PixelMap(rows: images.rows, columns: images.columns, bytes: images.pixels(at: index))
        lines += field.picture(map, capabilities: capabilities)
        if isSample { lines.append(TestImages.sampleNote(images)) }
        lines.forEach { session.console.line($0) }
    }
}
