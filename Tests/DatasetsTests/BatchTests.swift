import Testing
import TensorCore
@testable import Datasets


@Suite struct BatchTests {
    let images: LabeledImages

    init() throws {
        images = try LabeledImages(imageBytes: IDXFixtures.images(count: 50, rows: 5, columns: 6), labelBytes: IDXFixtures.labels(count: 50))
    }

    @Test func batchMatchesPixelsDividedBy255() {
        let indices = [7, 0, 49, 7]
        let batch = images.imageBatch(indices)
        #expect(batch.shape == [4, 5, 6, 1])
        // The naive twin: each pixel / 255 in Double, then Float, as NumPy then Keras do.
        let expected = indices.flatMap { images.pixels(at: $0).map { Float(Double($0) / 255) } }
        #expect(batch.scalars == expected)
        #expect(images.labelBatch(indices) == [7, 0, 9, 7])
    }

    @Test func everyByteScalesAsNumPyThenKerasDo() {
        let bytes = (0...255).map(UInt8.init) + (0...255).reversed().map(UInt8.init)
        var scaled = [Float](repeating: -1, count: bytes.count)
        bytes.withUnsafeBufferPointer { source in
            scaled.withUnsafeMutableBufferPointer { LabeledImages.scaleToUnit(source, into: $0) }
        }
        #expect(scaled == bytes.map { Float(Double($0) / 255) })
        #expect(scaled[0] == 0 && scaled[255] == 1 && scaled[51] == Float(0.2))
    }

    @Test func emptyBatch() {
        #expect(images.imageBatch([Int]()).shape == [0, 5, 6, 1])
    }

    @Test func shuffleIsAPermutationAndReproducible() {
        var first = SplitMix64(seed: 1), second = SplitMix64(seed: 1), other = SplitMix64(seed: 2)
        let epoch1 = images.shuffledIndices(using: &first)
        let epoch2 = images.shuffledIndices(using: &first)
        #expect(epoch1.sorted() == Array(0..<50))
        #expect(epoch1 != epoch2)  // a new order each epoch
        #expect(images.shuffledIndices(using: &second) == epoch1)  // the same seed, the same order
        #expect(images.shuffledIndices(using: &other) != epoch1)
    }

    @Test func prefixKeepsTheFirstImages() {
        let first = images.prefix(3)
        #expect(first.count == 3 && first.labels == [0, 1, 2])
        #expect(first.pixels(at: 2) == images.pixels(at: 2))
        #expect(images.prefix(500) == images)
    }
}
