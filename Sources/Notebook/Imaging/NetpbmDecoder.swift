/// Netpbm greymaps and pixmaps: PGM (P2 text, P5 binary) and PPM (P3 text, P6 binary), with
/// any maximum value 1-65535 (two bytes per sample, big-endian, above 255). Colour becomes
/// grey by the Rec. 601 luma weights (0.299 R + 0.587 G + 0.114 B), as most image tools do.
enum NetpbmDecoder {
    static func decode(_ bytes: [UInt8]) throws -> GreyImage {
        var reader = Reader(bytes: bytes)
        let kind = bytes[1]
        let isColor = kind == UInt8(ascii: "3") || kind == UInt8(ascii: "6")
        let isBinary = kind == UInt8(ascii: "5") || kind == UInt8(ascii: "6")
        let format = isColor ? "PPM" : "PGM"
        reader.position = 2
        let width = try reader.headerNumber("width", format: format)
        let height = try reader.headerNumber("height", format: format)
        let maximum = try reader.headerNumber("maximum value", format: format)
        guard (1...65535).contains(maximum) else {
            throw ImageFileError("the \(format) maximum value \(maximum) is outside 1-65535")
        }
        try ImageLimits.check(width: width, height: height, format: format)
        let channels = isColor ? 3 : 1
        let sampleCount = width * height * channels

        var samples = [Int](repeating: 0, count: sampleCount)
        if isBinary {
            // Exactly one whitespace byte separates the header from the raster.
            guard reader.position < bytes.count, Reader.isSpace(bytes[reader.position]) else {
                throw ImageFileError("the \(format) file ends after its header")
            }
            reader.position += 1
            let bytesPerSample = maximum > 255 ? 2 : 1
            guard bytes.count - reader.position >= sampleCount * bytesPerSample else {
                throw ImageFileError("the \(format) file is truncated: \(width)x\(height) needs "
                                     + "\(sampleCount * bytesPerSample) bytes of pixels, it has \(bytes.count - reader.position)")
            }
            for index in 0..<sampleCount {
                let offset = reader.position + index * bytesPerSample
                samples[index] = bytesPerSample == 1 ? Int(bytes[offset]) : Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            }
        } else {
            for index in 0..<sampleCount {
                guard let value = try reader.number() else {
                    throw ImageFileError("the \(format) file is truncated: it has \(index) of \(sampleCount) values")
                }
                samples[index] = value
            }
        }
        guard samples.allSatisfy({ $0 <= maximum }) else {
            throw ImageFileError("the \(format) file has a value above its maximum \(maximum)")
        }

        let scale = 255.0 / Double(maximum)
        let pixels = (0..<(width * height)).map { pixel -> UInt8 in
            let grey: Double = isColor
                ? 0.299 * Double(samples[3 * pixel]) + 0.587 * Double(samples[3 * pixel + 1]) + 0.114 * Double(samples[3 * pixel + 2])
                : Double(samples[pixel])
            return UInt8(min(255, (grey * scale).rounded()))
        }
        return GreyImage(width: width, height: height, pixels: pixels)
    }

    /// Walks the file: decimal numbers separated by whitespace, `#` comments to end of line.
    struct Reader {
        let bytes: [UInt8]
        var position = 0

        static func isSpace(_ byte: UInt8) -> Bool { [9, 10, 11, 12, 13, 32].contains(byte) }

        /// The next number, nil at the end of the file; at most 9 digits.
        mutating func number() throws -> Int? {
            while position < bytes.count {
                if Self.isSpace(bytes[position]) {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "#") {
                    while position < bytes.count, bytes[position] != 10, bytes[position] != 13 { position += 1 }
                } else {
                    break
                }
            }
            guard position < bytes.count else { return nil }
            var value = 0, digits = 0
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                digits += 1
                guard digits <= 9 else { throw ImageFileError("a number in the file is too long") }
                value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                position += 1
            }
            guard digits > 0 else { throw ImageFileError("unexpected byte \(bytes[position]) where a number should be") }
            return value
        }

        mutating func headerNumber(_ name: String, format: String) throws -> Int {
            guard let value = try number() else { throw ImageFileError("the \(format) header ends before its \(name)") }
            return value
        }
    }
}
