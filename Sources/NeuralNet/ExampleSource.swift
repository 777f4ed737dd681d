import TensorCore

/// Labelled examples, read by index: how the Trainer and evaluation get data without
/// NeuralNet knowing any file format. (The app adapts Fashion-MNIST to it, converting its
/// bytes to Floats one batch at a time.)
public protocol ExampleSource {
    /// How many examples there are; valid indices are `0..<count`.
    var count: Int { get }
    /// The shape of one example (`[28, 28, 1]`).
    var exampleShape: [Int] { get }
    /// Writes the examples at `indices` into `images` (resized to `[indices.count] + exampleShape`)
    /// and their class labels into `labels` (resized to `indices.count`). Only reads the
    /// source: the cores of a data-parallel step or an evaluation call it at the same time.
    func fill(indices: ArraySlice<Int>, images: inout Tensor, labels: inout [Int32])
}

/// Examples already in memory as one tensor `[count] + exampleShape` and their labels.
public struct TensorExamples: ExampleSource {
    public let images: Tensor
    public let labels: [Int32]

    public init(images: Tensor, labels: [Int32]) {
        precondition(images.batchSize == labels.count, "TensorExamples: \(images.shape) images for \(labels.count) labels")
        self.images = images
        self.labels = labels
    }

    public var count: Int { labels.count }
    public var exampleShape: [Int] { images.exampleShape }

    public func fill(indices: ArraySlice<Int>, images batch: inout Tensor, labels batchLabels: inout [Int32]) {
        let size = exampleShape.reduce(1, *)
        batch.resize(to: [indices.count] + exampleShape)
        batchLabels.removeAll(keepingCapacity: true)
        batch.scalars.withUnsafeMutableBufferPointer { target in
            images.scalars.withUnsafeBufferPointer { source in
                for (row, index) in indices.enumerated() {
                    (target.baseAddress! + row * size).update(from: source.baseAddress! + index * size, count: size)
                    batchLabels.append(labels[index])
                }
            }
        }
    }
}
