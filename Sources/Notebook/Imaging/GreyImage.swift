/// A decoded picture in shades of grey, 0 (black) to 255 (white), row-major.
///
/// Invariant: `pixels.count == width * height`, both at least 1.
public struct GreyImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0, "GreyImage: size \(width)x\(height) is empty")
        precondition(pixels.count == width * height,
                     "GreyImage: \(width)x\(height) needs \(width * height) pixels, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }
}

/// Why a picture file could not be read, in words for the learner.
public struct ImageFileError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The largest pictures convbook decodes: checked from the header, before any allocation.
public enum ImageLimits {
    /// The longest side accepted, in pixels.
    public static let maximumSide = 16_384
    /// The most pixels accepted (a 6000x4000 photo is 24 million).
    public static let maximumPixels = 40_000_000
    /// The largest file read, in bytes.
    public static let maximumFileBytes = 64 << 20

    /// Fails unless `width` x `height` is within the limits.
    static func check(width: Int, height: Int, format: String) throws {
        guard width > 0, height > 0 else {
            throw ImageFileError("the \(format) header gives an empty size \(width)x\(height)")
        }
        guard width <= maximumSide, height <= maximumSide, width * height <= maximumPixels else {
            throw ImageFileError("the \(format) is \(width)x\(height) pixels, larger than convbook reads "
                                 + "(at most \(maximumSide) a side and \(maximumPixels / 1_000_000) million pixels)")
        }
    }
}
