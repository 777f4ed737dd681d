import CKernels
import TensorCore

extension LabeledImages {
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
            for (position, index) in indices.enumerated() {
                precondition(index >= 0 && index < count, "writeImages: image \(index) is outside 0..<\(count)")
                let image = UnsafeBufferPointer(rebasing: source[(index * size)..<((index + 1) * size)])
                let target = UnsafeMutableBufferPointer(rebasing: destination[(position * size)..<((position + 1) * size)])
                Self.scaleToUnit(image, into: target)
            }
        }
    }

    /// `target[i] = Float32(Double(source[i]) / 255)`: the division in Double, as NumPy's
    /// `x / 255.0` before Keras casts to float32, so inputs match the tutorial's bit for bit.
    /// In C (`ck_scale_bytes_to_unit`), in the widest vectors: the Swift loop over a table of
    /// the 256 results took 1.3% of a training epoch's CPU time.
    static func scaleToUnit(_ source: UnsafeBufferPointer<UInt8>, into target: UnsafeMutableBufferPointer<Float>) {
        precondition(source.count == target.count, "scaleToUnit: \(source.count) bytes into \(target.count) floats")
        guard let from = source.baseAddress, let to = target.baseAddress else { return }
        ck_scale_bytes_to_unit(from, to, source.count)
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
