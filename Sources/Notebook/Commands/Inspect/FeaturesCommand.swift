import Datasets
import NeuralNet

/// `features LAYER INDEX`: what a layer makes of one test image, each channel drawn.
enum FeaturesCommand: Command {
    static let name = "features"
    static let forms = [CommandForm(nil, [.required("LAYER", .text), .imageIndex()])]
    static let summary = "the feature maps of one image after a layer"
    static let discussion = """
        Runs test image INDEX through the model up to LAYER and draws that layer's
        output: for a conv layer, one feature map per filter (where in the image its
        pattern was found: the brighter, the stronger). Each map is scaled to its own
        largest value; a filter that found nothing stays black. Each conv layer with
        stride 2 halves the maps (28 -> 13 -> 6 -> 2) while the number of filters
        grows. A flat layer (flatten, dense) is drawn as a strip of its values.

        LAYER is the layer's number as 'summary' lists them (1 = first) or its name.
        """
    static let examples = ["features 1 0", "features 2 0", "features conv2d_2 17"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let workspace = session.workspace
        let model = try workspace.requireModel()
        try workspace.checkMemory(of: model, batchSize: 1)
        let (layerIndex, layer) = try LayerReference.resolve(invocation.word(required: "LAYER"), in: model)
        let images = try workspace.requireTestSet(in: session, for: model)
        let index = try invocation.index("INDEX", below: images.count)
        guard let activation = workspace.activation(of: images.imageBatch([index]).reshaped([images.rows, images.columns, 1]),
                                                    throughLayer: layerIndex) else {
            throw CommandError("cannot run the model on the image")
        }
        let maps = FeatureMapGallery.maps(of: activation)
        let console = session.console
        let shape = layer.outputShape
        let what = shape.count == 3
            ? "\(shape[2]) maps of \(shape[0])x\(shape[1])"
            : "\(NumberFormat.grouped(activation.count)) values, \(min(32, activation.count)) to a row"
        let heading = "test image \(index) (\(TestImages.className(Int(images.labels[index])))) after "
            + "\(LayerReference.describe(index: layerIndex, layer: layer)): \(what)"
        TextLayout.wrap(heading, width: console.capabilities.width).forEach { console.line($0) }
        let largest = maps.map(\.extent.upperBound).max() ?? 0
        console.line("black 0, white each map's own largest value (the largest of all: \(NumberGrid.format(largest, decimals: 2)))")
        if workspace.weightsAreFresh {
            console.line("(not trained yet: these come from the random initial weights)")
        }
        FeatureMapGallery.lines(maps, capabilities: console.capabilities).forEach { console.line($0) }
    }
}
