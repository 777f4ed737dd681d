extension Tensor {
    /// Gives the tensor `newShape`, reusing its storage when the element count is unchanged.
    ///
    /// Layers call this on the buffers they own at every step, so a training loop at a fixed
    /// batch size allocates nothing after its first step. The scalars are kept when the
    /// element count is unchanged and are zero otherwise.
    public mutating func resize(to newShape: [Int]) {
        let count = newShape.reduce(1, *)
        precondition(newShape.allSatisfy { $0 >= 0 }, "Tensor.resize: negative dimension in \(newShape)")
        if count != scalars.count {
            self = Tensor(shape: newShape, repeating: 0)
        } else {
            self = Tensor(shape: newShape, scalars: scalars)
        }
    }

    /// Sets every scalar to zero, keeping the shape.
    public mutating func zero() {
        scalars.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// A tensor with no elements, used as the empty state of a cache or buffer.
    /// A stored constant, so swapping it in allocates nothing.
    public static let empty = Tensor(shape: [0], scalars: [])

    /// Moves the value out of `tensor`, leaving `.empty`, so the caller holds the only
    /// reference to the storage and can write to it without a copy.
    public static func take(_ tensor: inout Tensor) -> Tensor {
        var taken = Tensor.empty
        swap(&taken, &tensor)
        return taken
    }

    /// The size of the leading (batch) dimension.
    public var batchSize: Int { shape.first ?? 0 }

    /// The shape without its leading (batch) dimension.
    public var exampleShape: [Int] { Array(shape.dropFirst()) }
}
