/// Turns any picture of a garment into what the Fashion-MNIST model expects: 28x28, the
/// garment light on black, its longest side filling the frame, centred.
///
/// It follows the dataset's own recipe (Xiao et al., 2017: trim the background, scale the
/// longest edge to 28, centre, negate): the background is the median of the border pixels;
/// if it is light the picture is inverted; the object is where pixels stand out from the
/// background; its bounding box is padded to a square and scaled to 28x28 by area
/// averaging (each output pixel the mean of the source area it covers); the result is
/// stretched so the brightest pixel is 255.
public enum FashionMNISTFraming {
    /// What was done to a picture, for the learner to see.
    public struct Result: Sendable, Equatable {
        /// The 28x28 image the model sees, row-major bytes.
        public var pixels: [UInt8]
        /// The side of the output (28).
        public var side: Int
        /// Whether the picture was inverted (its background was light).
        public var inverted: Bool
        /// The object's bounding box in the source: columns and rows, inclusive ranges.
        public var columns: ClosedRange<Int>
        public var rows: ClosedRange<Int>
        /// The median border brightness, 0-255.
        public var background: Int
    }

    /// A pixel belongs to the object when it stands out from the background by this fraction
    /// of the strongest contrast in the picture.
    static let objectThreshold: Float = 0.1
    /// The fraction of the object's contrast trimmed from each side of the bounding box, so a
    /// speck of noise far from the object does not stretch it.
    static let trimmedMass: Float = 0.001

    /// Frames `image` as a `side`x`side` Fashion-MNIST input. Fails when nothing stands out
    /// from the background (a blank or almost uniform picture).
    public static func frame(_ image: GreyImage, side: Int = 28) throws -> Result {
        let width = image.width, height = image.height
        let background = median(borderPixels(of: image))
        let inverted = background > 127
        // The background as a plane fitted to the border (photos are lit unevenly), in the
        // garment-is-light orientation; contrast is how far above it a pixel rises, 0...1.
        let plane = BackgroundPlane(fittedToBorderOf: image, inverted: inverted)
        var contrast = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let pixel = Float(image[x, y])
                let value = inverted ? 255 - pixel : pixel
                let base = min(254, max(0, plane.value(x: x, y: y)))
                contrast[y * width + x] = max(0, (value - base) / (255 - base))
            }
        }
        let strongest = contrast.max() ?? 0
        guard strongest >= 0.1 else {
            throw ImageFileError("nothing stands out from the background: is there a garment in the picture?")
        }
        let threshold = objectThreshold * strongest
        for index in contrast.indices where contrast[index] < threshold { contrast[index] = 0 }  // in place: photos are big

        var columnMass = [Float](repeating: 0, count: width), rowMass = [Float](repeating: 0, count: height)
        for y in 0..<height {
            for x in 0..<width {
                columnMass[x] += contrast[y * width + x]
                rowMass[y] += contrast[y * width + x]
            }
        }
        let columns = trimmedExtent(columnMass), rows = trimmedExtent(rowMass)

        // Square around the box, centred; outside the picture counts as background (0).
        let boxSide = max(columns.count, rows.count)
        let left = Double(columns.lowerBound) - Double(boxSide - columns.count) / 2
        let top = Double(rows.lowerBound) - Double(boxSide - rows.count) / 2
        let scaled = areaAverage(contrast, width: width, height: height,
                                 left: left, top: top, boxSide: Double(boxSide), side: side)
        let brightest = scaled.max() ?? 0
        let pixels = scaled.map { UInt8(min(255, max(0, ($0 / max(brightest, 1e-6) * 255).rounded()))) }
        return Result(pixels: pixels, side: side, inverted: inverted, columns: columns, rows: rows,
                      background: background)
    }

    /// brightness = constant + slope across x + slope down y, fitted by least squares to the
    /// border pixels (in the orientation where the garment is light).
    struct BackgroundPlane {
        var constant: Float = 0, slopeX: Float = 0, slopeY: Float = 0

        init(fittedToBorderOf image: GreyImage, inverted: Bool) {
            // Normal equations of [1 x y] . [c a b] = v over the border, solved by Cramer's rule.
            var sums = [Double](repeating: 0, count: 9)  // n, x, y, xx, xy, yy, v, xv, yv
            func add(_ x: Int, _ y: Int) {
                let v = Double(inverted ? 255 - Int(image[x, y]) : Int(image[x, y]))
                let x = Double(x), y = Double(y)
                for (index, term) in [1, x, y, x * x, x * y, y * y, v, x * v, y * v].enumerated() { sums[index] += term }
            }
            for x in 0..<image.width { add(x, 0); if image.height > 1 { add(x, image.height - 1) } }
            for y in 1..<max(1, image.height - 1) { add(0, y); if image.width > 1 { add(image.width - 1, y) } }
            let (n, sx, sy, sxx, sxy, syy, sv, sxv, syv) = (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7], sums[8])
            func determinant(_ m: [[Double]]) -> Double {
                m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                    + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
            }
            let matrix = [[n, sx, sy], [sx, sxx, sxy], [sy, sxy, syy]]
            let d = determinant(matrix)
            guard abs(d) > 1e-9 * max(1, n * sxx * syy) else {
                constant = Float(sv / max(1, n))  // a one-pixel-wide picture: the mean will do
                return
            }
            constant = Float(determinant([[sv, sx, sy], [sxv, sxx, sxy], [syv, sxy, syy]]) / d)
            slopeX = Float(determinant([[n, sv, sy], [sx, sxv, sxy], [sy, syv, syy]]) / d)
            slopeY = Float(determinant([[n, sx, sv], [sx, sxx, sxv], [sy, sxy, syv]]) / d)
        }

        func value(x: Int, y: Int) -> Float { constant + slopeX * Float(x) + slopeY * Float(y) }
    }

    /// The pixels on the picture's outer edge.
    static func borderPixels(of image: GreyImage) -> [UInt8] {
        var border: [UInt8] = []
        for x in 0..<image.width {
            border.append(image[x, 0])
            if image.height > 1 { border.append(image[x, image.height - 1]) }
        }
        for y in 1..<max(1, image.height - 1) {
            border.append(image[0, y])
            if image.width > 1 { border.append(image[image.width - 1, y]) }
        }
        return border
    }

    static func median(_ values: [UInt8]) -> Int {
        var counts = [Int](repeating: 0, count: 256)
        for value in values { counts[Int(value)] += 1 }
        var seen = 0
        for (value, count) in counts.enumerated() {
            seen += count
            if seen * 2 >= values.count { return value }
        }
        return 0
    }

    /// The first and last index where the cumulative mass passes `trimmedMass` from each end.
    static func trimmedExtent(_ mass: [Float]) -> ClosedRange<Int> {
        let total = mass.reduce(0, +)
        let cut = total * trimmedMass
        var low = 0, running: Float = 0
        while low < mass.count - 1 {
            running += mass[low]
            if running > cut { break }
            low += 1
        }
        var high = mass.count - 1
        running = 0
        while high > low {
            running += mass[high]
            if running > cut { break }
            high -= 1
        }
        return low...high
    }

    /// The `boxSide`-square at (`left`, `top`) of `values` (a `width`x`height` map; outside is 0)
    /// scaled to `side`x`side`: each output pixel is the mean over the source area it covers,
    /// partial pixels weighted by their overlap. Separable: columns first, then rows.
    static func areaAverage(_ values: [Float], width: Int, height: Int,
                            left: Double, top: Double, boxSide: Double, side: Int) -> [Float] {
        let step = boxSide / Double(side)
        /// For each output index, the source indices it overlaps and their weights (summing to 1).
        func weights(origin: Double, limit: Int) -> [[(index: Int, weight: Float)]] {
            (0..<side).map { output in
                let start = origin + Double(output) * step, end = start + step
                var taps: [(index: Int, weight: Float)] = []
                var source = Int(start.rounded(.down))
                while Double(source) < end {
                    let overlap = min(end, Double(source + 1)) - max(start, Double(source))
                    if overlap > 0, source >= 0, source < limit { taps.append((source, Float(overlap / step))) }
                    source += 1
                }
                return taps
            }
        }
        let across = weights(origin: left, limit: width), down = weights(origin: top, limit: height)
        var rows = [Float](repeating: 0, count: height * side)
        for y in 0..<height {
            for x in 0..<side {
                rows[y * side + x] = across[x].reduce(0) { $0 + $1.weight * values[y * width + $1.index] }
            }
        }
        var output = [Float](repeating: 0, count: side * side)
        for y in 0..<side {
            for x in 0..<side {
                output[y * side + x] = down[y].reduce(0) { $0 + $1.weight * rows[$1.index * side + x] }
            }
        }
        return output
    }
}
