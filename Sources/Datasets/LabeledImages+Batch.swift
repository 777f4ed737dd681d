import TensorCore

extension LabeledImages {
    /// Each byte value b as Float32(b / 255), computed in Double as NumPy's `x / 255.0` does
    /// before Keras casts to float32, so inputs match the tutorial's bit for bit.
    static let unitScale: [Float] = (0..<256).map { Float(Double($0) / 255) }

    /// The images at `indices` as a Float32 batch `[indices.count, rows, columns, 1]` (NHWC),
    /// scaled from 0-255 to 0-1.
    public func imageBatch(_ indices: some Collection<Int>) -> Tensor {
        let size = indices.count * pixelsPerImage
        let scalars = [Float](unsafeUninitializedCapacity: size) { buffer, initialized in
            writeImages(indices, into: buffer)
            initialized = size
        }
        return Tensor(shape: [indices.count, rows, columns, 1], scalars: scalars)
    }

    /// Writes the images at `indices`, scaled to 0-1, one after another into `destination`,
    /// which must hold exactly `indices.count * rows * columns` floats. No allocation.
    public func writeImages(_ indices: some Collection<Int>, into destination: UnsafeMutableBufferPointer<Float>) {
        let size = pixelsPerImage
        precondition(destination.count == indices.count * size,
                     "writeImages: \(indices.count) images of \(rows)x\(columns) need \(indices.count * size) floats, got \(destination.count)")
        pixels.withUnsafeBufferPointer { source in
            Self.unitScale.withUnsafeBufferPointer { scale in
                var offset = 0
                for index in indices {
                    precondition(index >= 0 && index < count, "writeImages: image \(index) is outside 0..<\(count)")
                    let start = index * size
                    for pixel in 0..<size {
                        destination[offset + pixel] = scale[Int(source[start + pixel])]
                    }
                    offset += size
                }
            }
        }
    }

    /// The labels (0-9) of the images at `indices`, in the same order.
    public func labelBatch(_ indices: some Collection<Int>) -> [Int] {
        indices.map { Int(labels[$0]) }
    }

    /// `0..<count` in a random order drawn from `generator`: call once per epoch for a fresh
    /// shuffle; the same seed gives the same sequence of orders.
    public func shuffledIndices(using generator: inout some RandomNumberGenerator) -> [Int] {
        Array(0..<count).shuffled(using: &generator)
    }
}
