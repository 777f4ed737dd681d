import TensorCore

/// Copies of a model for data-parallel training: the same layers with their own gradients,
/// caches and scratch buffers, and the parameter values copied in after every update.
extension Sequential {
    /// A model of the same layers (same names, shapes and settings) holding a copy of the
    /// parameters, or nil when a layer is of a kind this does not know how to copy.
    func replica() -> Sequential? {
        let copy = Sequential(inputShape: inputShape)
        for layer in layers {
            guard let twin = Self.replica(of: layer) else { return nil }
            copy.add(twin)
        }
        copy.copyParameterValues(from: self)
        return copy
    }

    /// Overwrites every parameter value with `source`'s, in place (no allocation).
    /// `source` must be a replica of this model or the model this one replicates.
    func copyParameterValues(from source: Sequential) {
        let targets = parameters, sources = source.parameters
        precondition(targets.count == sources.count, "replica: \(targets.count) parameters, source has \(sources.count)")
        for (target, source) in zip(targets, sources) {
            precondition(target.value.shape == source.value.shape,
                         "replica: parameter \(target.value.shape), source \(source.value.shape)")
            target.value.scalars.withUnsafeMutableBufferPointer { t in
                source.value.scalars.withUnsafeBufferPointer { s in _ = t.update(fromContentsOf: s) }
            }
        }
    }

    private static func replica(of layer: any Layer) -> (any Layer)? {
        // The initial values drawn here are overwritten by copyParameterValues.
        var unused = SplitMix64(seed: 0)
        switch layer {
        case let conv as Conv2D:
            let g = conv.geometry
            guard g.kernelHeight == g.kernelWidth,
                  let copy = try? Conv2D(filters: conv.filters, kernelSize: g.kernelHeight, stride: g.stride,
                                         padding: g.padding, activation: conv.activation,
                                         inputShape: conv.inputShape, using: &unused) else { return nil }
            copy.convolvesDirectly = conv.convolvesDirectly
            return copy
        case let dense as Dense:
            return try? Dense(units: dense.units, activation: dense.activation, inputShape: dense.inputShape, using: &unused)
        case let dropout as Dropout:
            return try? Dropout(rate: dropout.rate, inputShape: dropout.inputShape)
        case let flatten as Flatten:
            return try? Flatten(inputShape: flatten.inputShape)
        case let relu as ReLU:
            return try? ReLU(inputShape: relu.inputShape)
        case let pooling as MaxPooling2D:
            let g = pooling.geometry
            guard g.kernelHeight == g.kernelWidth else { return nil }
            return try? MaxPooling2D(poolSize: g.kernelHeight, stride: g.stride, padding: g.padding,
                                     inputShape: pooling.inputShape)
        default:
            return nil
        }
    }
}
