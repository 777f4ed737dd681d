import NeuralNet

/// How `filters` and `features` name a layer: its number as `summary` lists them (1 is the
/// first layer after the input), or its Keras name (`conv2d_1`).
enum LayerReference {
    /// The index (0-based) and layer that `word` names in `model`.
    static func resolve(_ word: String, in model: Sequential) throws -> (index: Int, layer: any Layer) {
        if let number = Int(word) {
            guard (1...model.layers.count).contains(number) else {
                throw CommandError("LAYER must be between 1 and \(model.layers.count) (the model's layers, as 'summary' lists them), got \(number)")
            }
            return (number - 1, model.layers[number - 1])
        }
        if let index = model.layers.firstIndex(where: { $0.name == word.lowercased() }) {
            return (index, model.layers[index])
        }
        throw CommandError("no layer '\(word)': give its number (1-\(model.layers.count)) or name (\(model.layers.map(\.name).joined(separator: ", ")))")
    }

    /// "layer 2, conv2d_1 (Conv2D)".
    static func describe(index: Int, layer: any Layer) -> String {
        "layer \(index + 1), \(layer.name) (\(layer.typeName))"
    }

    /// The conv layers of `model` as a list for error messages: "1 (conv2d), 2 (conv2d_1)".
    static func convolutionList(_ model: Sequential) -> String {
        let list = model.layers.enumerated().filter { $0.element is Conv2D }.map { "\($0.offset + 1) (\($0.element.name))" }
        return list.isEmpty ? "the model has none" : "conv layers: " + list.joined(separator: ", ")
    }
}
