import NeuralNet
import TensorCore

/// Where one output cell of a model's layer is: the layer (0-based index into `model.layers`),
/// the output row and column (0-based; 0 for a flat layer) and the filter or unit (0-based).
struct ModelCell {
    let layerIndex: Int
    let row: Int
    let column: Int
    let filter: Int

    /// The layer's input and output for `image` (`[1] + model.inputShape`), both from the
    /// engine's inference pass: the input is the previous layer's output (or the image), the
    /// output what `features` draws.
    static func inputAndOutput(of model: Sequential, layerIndex: Int, image: Tensor) -> (input: Tensor, output: Tensor) {
        let input = layerIndex == 0 ? image : model.activation(of: image, throughLayer: layerIndex - 1)
        return (input, model.activation(of: image, throughLayer: layerIndex))
    }

    /// Says what input `index` of flat layer `layerIndex` is, when a Flatten (with only
    /// Dropout between) feeds it: "row 1, column 2, channel 5 of conv2d_2's output".
    /// Flatten reads `[H, W, C]` row by row, and the channel index changes fastest.
    static func flatOrigin(of index: Int, in model: Sequential, layerIndex: Int) -> String? {
        var feeder = layerIndex - 1
        while feeder >= 0, model.layers[feeder] is Dropout { feeder -= 1 }
        guard feeder >= 0, let flatten = model.layers[feeder] as? Flatten, flatten.inputShape.count == 3 else { return nil }
        let width = flatten.inputShape[1], channels = flatten.inputShape[2]
        let source = feeder == 0 ? "the image" : "\(model.layers[feeder - 1].name)'s output"
        return "r\(index / (width * channels) + 1) c\(index / channels % width + 1) ch\(index % channels + 1) of \(source)"
    }

    /// The channel (0-based) with the largest value at `position` of a `[1, ..., channels]`
    /// output (position counts cells row by row); the first on ties.
    static func strongest(in output: Tensor, at position: Int, of channels: Int) -> Int {
        let values = output.scalars[(position * channels)..<((position + 1) * channels)]
        return values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) }.map { $0 - position * channels } ?? 0
    }
}
