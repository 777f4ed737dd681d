import TensorCore

/// A learnable tensor of a layer (a kernel or a bias) and the gradient accumulated for it.
///
/// Backward passes add into `gradient`; `zeroGradient()` clears it, and the optimizer reads it.
/// Invariant: `gradient.shape == value.shape`.
public final class Parameter {
    /// Keras's weight name within its layer: `kernel` or `bias`.
    public let name: String
    public var value: Tensor
    public var gradient: Tensor

    /// A parameter holding `value`, with a zero gradient of the same shape.
    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        self.gradient = Tensor(shape: value.shape)
    }

    /// Clears the accumulated gradient.
    public func zeroGradient() { gradient.zero() }
}
