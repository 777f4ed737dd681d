/// Images as bytes 0-255, row-major, with labels 0-9.
///
/// Invariants: `pixels.count == count * rows * columns`, `labels.count == count`, every
/// label is below `classCount`. Image `i` is `pixels[i * rows * columns ..< (i + 1) * rows * columns]`.
public struct LabeledImages: Sendable, Equatable {
    /// The number of classes labels are drawn from (Fashion-MNIST: 10).
    public static let classCount = 10

    /// The number of images.
    public let count: Int
    /// Each image's height in pixels.
    public let rows: Int
    /// Each image's width in pixels.
    public let columns: Int
    /// All images' pixels, 0 (black) to 255 (white), image after image, row-major.
    public let pixels: [UInt8]
    /// Each image's class, 0 to 9.
    public let labels: [UInt8]

    /// Wraps pixels and labels that satisfy the type's invariants (a programmer error otherwise).
    public init(rows: Int, columns: Int, pixels: [UInt8], labels: [UInt8]) {
        precondition(rows > 0 && columns > 0, "LabeledImages: image size \(rows)x\(columns) is empty")
        precondition(pixels.count == labels.count * rows * columns,
                     "LabeledImages: \(labels.count) labels of \(rows)x\(columns) images need \(labels.count * rows * columns) pixels, got \(pixels.count)")
        precondition(labels.allSatisfy { Int($0) < Self.classCount }, "LabeledImages: a label is outside 0-9")
        self.count = labels.count
        self.rows = rows
        self.columns = columns
        self.pixels = pixels
        self.labels = labels
    }

    /// The number of pixels in one image (`rows * columns`).
    public var pixelsPerImage: Int { rows * columns }

    /// The pixels of image `index` (0-based), row-major.
    public func pixels(at index: Int) -> ArraySlice<UInt8> {
        precondition(index >= 0 && index < count, "LabeledImages: image \(index) is outside 0..<\(count)")
        return pixels[(index * pixelsPerImage)..<((index + 1) * pixelsPerImage)]
    }

    /// The images in `range` (clamped to `0..<count`), as a set of their own.
    public func slice(_ range: Range<Int>) -> LabeledImages {
        let kept = range.clamped(to: 0..<count)
        return LabeledImages(rows: rows, columns: columns,
                             pixels: Array(pixels[(kept.lowerBound * pixelsPerImage)..<(kept.upperBound * pixelsPerImage)]),
                             labels: Array(labels[kept]))
    }

    /// The first `limit` images (all of them if there are fewer).
    public func prefix(_ limit: Int) -> LabeledImages {
        slice(0..<max(0, limit))
    }
}
