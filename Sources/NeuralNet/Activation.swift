/// The activation a Conv2D or Dense layer applies to its output, fused into the layer.
public enum Activation: String, Sendable, Codable {
    case linear
    case relu
    /// Only for Dense. When a model ends with it, training fuses it into the cross-entropy
    /// (which is then computed from the logits, stably); predictions are probabilities.
    case softmax
}
