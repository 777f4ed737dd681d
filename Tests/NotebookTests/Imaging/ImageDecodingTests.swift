import Datasets
import Foundation
import Testing
@testable import Notebook

@Suite struct ImageDecodingTests {
    /// A 3x2 picture: black, grey, white / white, grey, black.
    static let samples: [UInt8] = [0, 128, 255, 255, 128, 0]

    @Test func pngOfEveryColourType() throws {
        let grey = try ImageFileDecoder.decode(PNGWriter.encode(width: 3, height: 2, colorType: 0, samples: Self.samples))
        #expect(grey == GreyImage(width: 3, height: 2, pixels: Self.samples))
        let rgb = try ImageFileDecoder.decode(PNGWriter.encode(width: 3, height: 2, colorType: 2,
                                                                samples: Self.samples.flatMap { [$0, $0, $0] }))
        #expect(rgb.pixels == Self.samples)
        // Pure red, green, blue become different greys, green the lightest.
        let colours = try ImageFileDecoder.decode(PNGWriter.encode(width: 3, height: 1, colorType: 2,
                                                                    samples: [255, 0, 0, 0, 255, 0, 0, 0, 255]))
        #expect(colours.pixels[1] > colours.pixels[0] && colours.pixels[0] > colours.pixels[2], "\(colours.pixels)")
        // Transparent pixels are laid over white; opaque ones keep their grey.
        let alpha = try ImageFileDecoder.decode(PNGWriter.encode(width: 2, height: 1, colorType: 4, samples: [0, 0, 0, 255]))
        #expect(alpha.pixels == [255, 0])
    }

    @Test func netpbmTextAndBinary() throws {
        let pgmText = Array("P2\n# a comment\n3 2\n255\n0 128 255\n255 128 0\n".utf8)
        #expect(try ImageFileDecoder.decode(pgmText).pixels == Self.samples)
        let pgmBinary = Array("P5 3 2 255\n".utf8) + Self.samples
        #expect(try ImageFileDecoder.decode(pgmBinary).pixels == Self.samples)
        let pgm16 = Array("P5 1 2 65535\n".utf8) + [0xFF, 0xFF, 0x80, 0x00]
        #expect(try ImageFileDecoder.decode(pgm16).pixels == [255, 128])
        let ppmText = Array("P3 2 1 15\n15 15 15 0 0 0\n".utf8)
        #expect(try ImageFileDecoder.decode(ppmText).pixels == [255, 0])
        let ppmBinary = Array("P6 1 1 255\n".utf8) + [255, 0, 0]
        #expect(try ImageFileDecoder.decode(ppmBinary).pixels == [76])  // 0.299 * 255
    }

    @Test(arguments: [
        ("empty", [UInt8](), "empty"),
        ("text", Array("hello".utf8), "not a PNG, PGM or PPM"),
        ("signature only", PNGWriter.signature, "not a readable PNG"),
        ("truncated header", Array(PNGWriter.encode(width: 3, height: 2, colorType: 0, samples: samples).prefix(20)), "not a readable PNG"),
        ("pgm too few values", Array("P2 3 2 255 0 1 2".utf8), "truncated"),
        ("pgm value over maximum", Array("P2 1 1 10 11".utf8), "above its maximum"),
        ("pgm maximum zero", Array("P2 1 1 0 0".utf8), "maximum value 0"),
        ("pgm giant", Array("P5 999999999 999999999 255\n".utf8), "larger than convbook reads"),
        ("pgm negative", Array("P2 -3 2 255".utf8), "unexpected byte"),
        ("pgm huge number", Array("P2 99999999999999999999 2 255".utf8), "too long"),
        ("pgm truncated raster", Array("P5 3 2 255\n".utf8) + [1, 2], "truncated"),
        ("ppm no raster", Array("P6 1 1 255".utf8), "ends after its header"),
        ("pgm header cut", Array("P5 3".utf8), "ends before its height"),
    ] as [(String, [UInt8], String)])
    func corruptFilesAreCleanErrors(name: String, bytes: [UInt8], expected: String) {
        do {
            _ = try ImageFileDecoder.decode(bytes)
            Issue.record("\(name): decoded without an error")
        } catch {
            #expect("\(error)".contains(expected), "\(name): \(error)")
        }
    }

    @Test func damagedPNGsAreCleanErrors() {
        let good = PNGWriter.encode(width: 3, height: 2, colorType: 0, samples: Self.samples)
        var badCRC = good
        badCRC[29] ^= 0xFF  // the IHDR chunk's CRC
        var header = Array(PNGWriter.bigEndian(100_000)) + PNGWriter.bigEndian(100_000) + [8, 0, 0, 0, 0]
        let giant = PNGWriter.signature + PNGWriter.chunk("IHDR", header) + PNGWriter.chunk("IEND", [])
        header = Array(PNGWriter.bigEndian(3)) + PNGWriter.bigEndian(2) + [8, 0, 0, 0, 0]
        let noData = PNGWriter.signature + PNGWriter.chunk("IHDR", header) + PNGWriter.chunk("IEND", [])
        let truncated = Array(good.dropLast(20))
        var corruptData = good
        corruptData[43] ^= 0x55  // inside the zlib stream: the stored block's length check fails
        for (name, bytes) in [("bad CRC", badCRC), ("giant", giant), ("no data", noData),
                              ("truncated", truncated), ("corrupt data", corruptData)] {
            let started = Date()
            do {
                _ = try ImageFileDecoder.decode(bytes)
                Issue.record("\(name): decoded without an error")
            } catch {
                #expect(error is ImageFileError, "\(name): \(error)")
                #expect(!"\(error)".isEmpty)
            }
            #expect(Date().timeIntervalSince(started) < 1, "\(name) took too long")
        }
    }

    /// Sizes libpng accepts but convbook refuses, from the header alone (one byte of pixel data
    /// follows: libpng reads up to the first IDAT before it reports the size).
    @Test(arguments: [(20_000, 100), (16_000, 2_600)])
    func oversizedPNGsAreRefusedBeforeDecoding(width: Int, height: Int) {
        let header = Array(PNGWriter.bigEndian(UInt32(width))) + PNGWriter.bigEndian(UInt32(height)) + [8, 0, 0, 0, 0]
        let bytes = PNGWriter.signature + PNGWriter.chunk("IHDR", header)
            + PNGWriter.chunk("IDAT", PNGWriter.zlibStored([0])) + PNGWriter.chunk("IEND", [])
        #expect(throws: ImageFileError("the PNG is \(width)x\(height) pixels, larger than convbook reads (at most 16384 a side and 40 million pixels)")) {
            try ImageFileDecoder.decode(bytes)
        }
    }

    @Test func filesThatAreNotPictures() throws {
        #expect(throws: ImageFileError.self) { try ImageFileDecoder.decode(contentsOf: "/nonexistent/picture.png") }
        #expect(throws: ImageFileError.self) { try ImageFileDecoder.decode(contentsOf: NSTemporaryDirectory()) }
        #expect(throws: ImageFileError.self) { try ImageFileDecoder.decode(contentsOf: "/dev/zero") }
    }
}
