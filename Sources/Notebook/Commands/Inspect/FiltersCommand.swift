import NeuralNet

/// `filters LAYER [numbers]`: the kernels of a conv layer, drawn side by side or as numbers.
enum FiltersCommand: Command {
    static let name = "filters"
    static let forms = [CommandForm(nil, [.required("LAYER", .text)], options: [.flag("numbers")])]
    static let summary = "the learned kernels of a conv layer"
    static let discussion = """
        A Conv2D layer learns one small kernel per filter and slides each over its
        whole input (weights shared everywhere). 'filters 1' draws the 32 3x3 kernels
        of the tutorial's first layer: light cells are positive weights, dark ones
        negative, mid-grey zero, each kernel scaled to its own largest weight. Trained
        kernels often look like edge and blob detectors; before training they are
        noise. Deeper layers have a kernel slice per input channel; their mean is
        drawn. 'numbers' prints the weights instead.

        LAYER is the layer's number as 'summary' lists them (1 = first) or its name.
        """
    static let examples = ["filters 1", "filters 1 numbers", "filters conv2d_1"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let numbers = invocation.flag("numbers")
        let workspace = session.workspace
        let model = try workspace.requireModel()
        let (index, layer) = try LayerReference.resolve(invocation.word(required: "LAYER"), in: model)
        guard let conv = layer as? Conv2D else {
            throw CommandError("\(LayerReference.describe(index: index, layer: layer)) has no kernels to draw; "
                               + LayerReference.convolutionList(model))
        }
        let console = session.console
        FilterGallery.heading(conv, number: index + 1)
            .flatMap { TextLayout.wrap($0, width: console.capabilities.width) }
            .forEach { console.line($0) }
        if workspace.weightsAreFresh {
            console.line("(not trained yet: these are the random initial weights)")
        }
        let lines = numbers
            ? FilterGallery.numberLines(conv, capabilities: console.capabilities)
            : FilterGallery.pictureLines(conv, capabilities: console.capabilities)
        lines.forEach { console.line($0) }
    }
}
