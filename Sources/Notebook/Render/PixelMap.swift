/// A rectangle of values to draw: an image, a kernel, a feature map.
///
/// Invariant: `values.count == rows * columns`, stored row-major (`values[row * columns + column]`).
public struct PixelMap: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public let values: [Float]

    /// Wraps `values` laid out row-major; their count must be `rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(rows > 0 && columns > 0, "PixelMap: size \(rows)x\(columns) is empty")
        precondition(values.count == rows * columns,
                     "PixelMap: \(rows)x\(columns) needs \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Wraps image bytes (0 black ... 255 white), row-major.
    public init<Bytes: Collection>(rows: Int, columns: Int, bytes: Bytes) where Bytes.Element == UInt8 {
        self.init(rows: rows, columns: columns, values: bytes.map { Float($0) })
    }

    public subscript(row: Int, column: Int) -> Float { values[row * columns + column] }

    /// The smallest and largest finite values (0...0 when none is finite).
    public var extent: ClosedRange<Float> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...0 }
        return low...high
    }

    /// Each value repeated `factor` times across only: for one-character-per-pixel drawing,
    /// where a character is about twice as tall as it is wide.
    public func widened(by factor: Int) -> PixelMap {
        precondition(factor >= 1, "PixelMap: widening \(factor) must be at least 1")
        guard factor > 1 else { return self }
        let widened = values.flatMap { [Float](repeating: $0, count: factor) }
        return PixelMap(rows: rows, columns: columns * factor, values: widened)
    }

    /// Each value repeated `factor` times across and down (nearest-neighbour enlargement).
    public func enlarged(by factor: Int) -> PixelMap {
        precondition(factor >= 1, "PixelMap: enlargement \(factor) must be at least 1")
        guard factor > 1 else { return self }
        var enlarged: [Float] = []
        enlarged.reserveCapacity(values.count * factor * factor)
        for row in 0..<(rows * factor) {
            for column in 0..<(columns * factor) {
                enlarged.append(self[row / factor, column / factor])
            }
        }
        return PixelMap(rows: rows * factor, columns: columns * factor, values: enlarged)
    }
}

/// How values map to brightness, 0 (black) to 1 (white).
public enum BrightnessScale: Sendable, Equatable {
    /// Image bytes: 0 is black, 255 white.
    case bytes
    /// The map's smallest value is black, its largest white.
    case extent
    /// Zero is mid-grey; the largest magnitude is black (negative) or white (positive).
    /// For kernels and signed maps, where the sign matters.
    case symmetric
    /// A fixed range: `lowerBound` black, `upperBound` white, values outside clamped.
    case fixed(ClosedRange<Float>)

    /// The function from values of `map` to brightness 0...1 (non-finite values are black).
    func brightness(for map: PixelMap) -> (Float) -> Float {
        let low: Float, high: Float
        switch self {
        case .bytes: (low, high) = (0, 255)
        case .extent: (low, high) = (map.extent.lowerBound, map.extent.upperBound)
        case .symmetric:
            let magnitude = max(abs(map.extent.lowerBound), abs(map.extent.upperBound))
            (low, high) = (-magnitude, magnitude)
        case .fixed(let range): (low, high) = (range.lowerBound, range.upperBound)
        }
        let span = high - low
        return { value in
            guard value.isFinite else { return 0 }
            guard span > 0 else { return self == .symmetric ? 0.5 : (value > 0 ? 1 : 0) }
            return min(1, max(0, (value - low) / span))
        }
    }
}
