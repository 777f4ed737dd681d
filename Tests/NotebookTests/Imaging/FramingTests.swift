import Datasets
import Testing
@testable import Notebook

@Suite struct FramingTests {
    /// A photo of a test image (dark on light, enlarged, off-centre, in colour, through PNG)
    /// framed back gives nearly the test image itself. What differs: the blur of enlarging
    /// and reducing again, and shifts under a pixel (the dataset's own centring is not exact),
    /// which cost textured images up to ~0.2 of correlation (a whole pixel's shift alone gives
    /// 0.57-0.93 on these); the next test image, for comparison, scores 0.25-0.35.
    @Test(arguments: [0, 1, 2, 3, 17, 23])
    func photoOfATestImageFramesBackToIt(index: Int) throws {
        let sample = try FashionMNIST.sample()
        let original = Array(sample.pixels(at: index))
        let rgb = PhotoMaker.photo(of: original)
        let png = PNGWriter.encode(width: 440, height: 380, colorType: 2, samples: rgb)
        let result = try FashionMNISTFraming.frame(ImageFileDecoder.decode(png))
        #expect(result.inverted)
        #expect(result.pixels.count == 784)
        let correlation = Self.correlation(result.pixels.map(Double.init), original.map(Double.init))
        let pictures = TextMosaic(tiles: [original, result.pixels].map {
            TextMosaic.Tile(lines: ImageRenderer.lines(PixelMap(rows: 28, columns: 28, bytes: $0), capabilities: .plain), width: 28)
        }).lines(width: 80).joined(separator: "\n")
        #expect(correlation > 0.75, "image \(index): correlation \(correlation); box \(result.columns) \(result.rows)\n\(pictures)")
    }

    /// Pearson's correlation of two equally long lists.
    static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let meanA = a.reduce(0, +) / Double(a.count), meanB = b.reduce(0, +) / Double(b.count)
        var product = 0.0, squaresA = 0.0, squaresB = 0.0
        for (x, y) in zip(a, b) {
            product += (x - meanA) * (y - meanB)
            squaresA += (x - meanA) * (x - meanA)
            squaresB += (y - meanB) * (y - meanB)
        }
        return product / (squaresA * squaresB).squareRoot()
    }

    @Test func darkBackgroundIsNotInvertedAndTheObjectIsCentred() throws {
        // A 40x20 picture, black, with a white 10x4 bar at the top left.
        var pixels = [UInt8](repeating: 0, count: 800)
        for y in 2..<6 { for x in 3..<13 { pixels[y * 40 + x] = 255 } }
        let result = try FashionMNISTFraming.frame(GreyImage(width: 40, height: 20, pixels: pixels))
        #expect(!result.inverted)
        #expect(result.columns == 3...12 && result.rows == 2...5)
        // The bar fills the width; it is 4/10 as tall, centred: 11.2 rows at 8.4...19.6.
        let map = PixelMap(rows: 28, columns: 28, bytes: result.pixels)
        #expect(map[14, 0] == 255 && map[14, 27] == 255)
        #expect(map[7, 14] == 0 && map[20, 14] == 0)
        #expect(map[8, 14] > 0 && map[8, 14] < 255, "a partly covered row is averaged")
    }

    @Test func blankPicturesAreRefused() {
        #expect(throws: ImageFileError.self) {
            try FashionMNISTFraming.frame(GreyImage(width: 5, height: 5, pixels: [UInt8](repeating: 200, count: 25)))
        }
    }

    @Test func areaAveragingKeepsTheMean() {
        let values = (0..<100).map { Float($0 % 7) }
        let scaled = FashionMNISTFraming.areaAverage(values, width: 10, height: 10, left: 0, top: 0, boxSide: 10, side: 4)
        let meanIn = values.reduce(0, +) / 100, meanOut = scaled.reduce(0, +) / 16
        #expect(abs(meanIn - meanOut) < 1e-4)
    }
}
