import Datasets
import NeuralNet
import TensorCore

/// Fashion-MNIST images as examples for the Trainer: bytes stay bytes in memory (47 MB for the
/// training set) and become Float32 `x / 255` one batch at a time, `[n, rows, columns, 1]`.
struct ImageExamples: ExampleSource {
    let images: LabeledImages

    var count: Int { images.count }
    var exampleShape: [Int] { [images.rows, images.columns, 1] }

    func fill(indices: ArraySlice<Int>, images batch: inout Tensor, labels: inout [Int32]) {
        batch.resize(to: [indices.count] + exampleShape)
        batch.scalars.withUnsafeMutableBufferPointer { images.writeImages(indices, into: $0) }
        labels.removeAll(keepingCapacity: true)
        for index in indices { labels.append(Int32(images.labels[index])) }
    }
}
