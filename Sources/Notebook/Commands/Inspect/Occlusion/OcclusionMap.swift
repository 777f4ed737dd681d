import Foundation
import NeuralNet
import TensorCore

/// Where the model looked (Zeiler and Fergus, 2014, "occlusion sensitivity"): a square patch
/// of zeros is set over the image at every position of a grid, and for each position the
/// model's probability for the class it predicts for the whole image is measured again.
///
/// The patch is `patch` x `patch` pixels and steps by `patch` (stride P), so the positions
/// tile the image; when the side is not a multiple of P the last row and column of patches
/// are cut off by the image's edge. A drop is in percentage points:
/// `100 * (p(class | image) - p(class | image with the patch))`, negative when hiding the
/// patch makes the model surer. Probabilities are the softmax of the model's logits.
struct OcclusionMap: Sendable, Equatable {
    /// The patch's side and stride, in pixels.
    let patch: Int
    /// The image's size, in pixels.
    let imageRows: Int, imageColumns: Int
    /// The grid of patch positions: `ceil(imageRows / patch)` x `ceil(imageColumns / patch)`.
    let rows: Int, columns: Int
    /// The class predicted for the whole image, and its probability (0-1).
    let predictedClass: Int
    let probability: Double
    /// Drops in percentage points, row-major over the grid: `drops[row * columns + column]`.
    let drops: [Double]

    /// The pixel rows (0-based, half-open) that grid row `row` covers.
    func pixelRows(_ row: Int) -> Range<Int> { row * patch..<min(imageRows, (row + 1) * patch) }
    /// The pixel columns (0-based, half-open) that grid column `column` covers.
    func pixelColumns(_ column: Int) -> Range<Int> { column * patch..<min(imageColumns, (column + 1) * patch) }

    subscript(row: Int, column: Int) -> Double { drops[row * columns + column] }

    /// The drop of each pixel's patch: an `imageRows` x `imageColumns` map for drawing.
    var pixelMap: PixelMap {
        var values = [Float](repeating: 0, count: imageRows * imageColumns)
        for row in 0..<imageRows {
            for column in 0..<imageColumns {
                values[row * imageColumns + column] = Float(self[row / patch, column / patch])
            }
        }
        return PixelMap(rows: imageRows, columns: imageColumns, values: values)
    }

    /// Occludes `image` (`[rows, columns, 1]` scalars, 0-1, row-major) at every grid position
    /// and runs `model` on the original and all occluded copies, `batchSize` images per forward
    /// pass (all of them in one pass when `batchSize` covers them). `model` takes
    /// `[rows, columns, 1]` and gives one score per class.
    static func compute(image: [Float], rows imageRows: Int, columns imageColumns: Int, patch: Int,
                        model: Sequential, batchSize: Int) -> OcclusionMap {
        precondition(image.count == imageRows * imageColumns,
                     "OcclusionMap: \(imageRows)x\(imageColumns) needs \(imageRows * imageColumns) pixels, got \(image.count)")
        precondition(patch >= 1 && patch <= min(imageRows, imageColumns), "OcclusionMap: patch \(patch) does not fit")
        let rows = (imageRows + patch - 1) / patch, columns = (imageColumns + patch - 1) / patch
        // Image 0 is the original; image 1 + r * columns + c has the patch at grid (r, c).
        let count = 1 + rows * columns
        var batch = [Float]()
        batch.reserveCapacity(count * image.count)
        batch += image
        for row in 0..<rows {
            for column in 0..<columns {
                var occluded = image
                for y in row * patch..<min(imageRows, (row + 1) * patch) {
                    for x in column * patch..<min(imageColumns, (column + 1) * patch) {
                        occluded[y * imageColumns + x] = 0
                    }
                }
                batch += occluded
            }
        }
        let probabilities = classProbabilities(batch, count: count, shape: [imageRows, imageColumns, 1],
                                               model: model, batchSize: max(1, batchSize))
        let original = probabilities[0]
        let predicted = original.indices.max { original[$0] < original[$1] || (original[$0] == original[$1] && $0 > $1) } ?? 0
        let drops = (1..<count).map { 100 * (original[predicted] - probabilities[$0][predicted]) }
        return OcclusionMap(patch: patch, imageRows: imageRows, imageColumns: imageColumns, rows: rows, columns: columns,
                            predictedClass: predicted, probability: original[predicted], drops: drops)
    }

    /// Softmax probabilities (in Double) of each of `count` images laid end to end in `scalars`.
    private static func classProbabilities(_ scalars: [Float], count: Int, shape: [Int],
                                           model: Sequential, batchSize: Int) -> [[Double]] {
        let size = shape.reduce(1, *)
        var result: [[Double]] = []
        for start in stride(from: 0, to: count, by: batchSize) {
            let end = min(count, start + batchSize)
            let input = Tensor(shape: [end - start] + shape, scalars: Array(scalars[start * size..<end * size]))
            let logits = model.logits(input)
            let classes = logits.scalars.count / (end - start)
            for image in 0..<(end - start) {
                let row = logits.scalars[image * classes..<(image + 1) * classes]
                let largest = Double(row.max() ?? 0)
                let exponentials = row.map { exp(Double($0) - largest) }
                let sum = exponentials.reduce(0, +)
                result.append(exponentials.map { $0 / sum })
            }
        }
        return result
    }
}
