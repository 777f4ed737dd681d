/// An IDX file (the MNIST format) of unsigned bytes: its dimensions and its data.
///
/// Layout: a big-endian magic `00 00 08 D` (dtype 0x08 = unsigned byte, `D` dimensions),
/// `D` big-endian UInt32 sizes, then the product of the sizes in bytes, row-major.
/// The file may be gzip-compressed (detected by its 1f 8b magic).
///
/// Reading checks everything before trusting it: the magic, the dimension count, that the
/// sizes multiply without overflow and stay under `maximumDataBytes`, and that the data
/// holds exactly that many bytes. Memory grows only with data actually present (at most
/// the declared size + 1 byte), so a lying header or a gzip bomb cannot allocate much.
public struct IDXFile: Sendable, Equatable {
    /// The size of each dimension, outermost first (e.g. `[60000, 28, 28]`).
    public let dimensions: [Int]
    /// `dimensions.reduce(1, *)` bytes, row-major.
    public let bytes: [UInt8]

    /// The largest data size accepted: 256 MiB (Fashion-MNIST's training images are 45 MiB).
    public static let maximumDataBytes = 256 << 20

    /// Reads the IDX file at `path` (plain or gzip), which must have `dimensionCount` dimensions.
    public init(contentsOf path: String, dimensionCount: Int) throws {
        let name = DatasetError.name(of: path)
        let file = try FileByteReader(path: path)
        if let (first, second) = file.peekTwoBytes(), first == 0x1F, second == 0x8B {
            try self.init(reader: GzipByteReader(source: file, name: name), name: name,
                          dimensionCount: dimensionCount, plainSize: nil, gzipSizeField: file.lastFourBytes())
        } else {
            try self.init(reader: file, name: name, dimensionCount: dimensionCount,
                          plainSize: file.regularFileSize, gzipSizeField: nil)
        }
    }

    /// Parses IDX `bytes` held in memory (plain or gzip); `name` names them in errors.
    public init(bytes: [UInt8], name: String, dimensionCount: Int) throws {
        let memory = MemoryByteReader(bytes)
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B {
            let trailer = bytes.count >= 4 ? bytes.suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) } : nil
            try self.init(reader: GzipByteReader(source: memory, name: name), name: name,
                          dimensionCount: dimensionCount, plainSize: nil, gzipSizeField: trailer)
        } else {
            try self.init(reader: memory, name: name, dimensionCount: dimensionCount,
                          plainSize: bytes.count, gzipSizeField: nil)
        }
    }

    /// Reads header then data from `reader`. `plainSize`, when known, is the whole file's
    /// length, checked against the header before any data is read. `gzipSizeField` is a
    /// gzip file's last four bytes (its decompressed size modulo 2^32): only a hint, used to
    /// size the buffer once when it agrees with the header.
    init(reader: ByteReader, name: String, dimensionCount: Int, plainSize: Int?, gzipSizeField: UInt32?) throws {
        func fail(_ problem: String) -> DatasetError { DatasetError(file: name, problem) }
        let magic = try reader.read(upTo: 4)
        guard magic.count == 4 else { throw fail("too short for an IDX file (\(magic.count) bytes)") }
        let expectedMagic = "0x0000080\(dimensionCount)"
        guard magic[0] == 0, magic[1] == 0 else {
            throw fail("not an IDX file (magic \(Self.hex(magic)), expected \(expectedMagic))")
        }
        guard magic[2] == 0x08 else {
            throw fail("IDX element type 0x\(String(magic[2], radix: 16)) is not unsigned byte (0x08)")
        }
        guard Int(magic[3]) == dimensionCount else {
            throw fail("has \(magic[3]) dimensions, expected \(dimensionCount) (magic \(Self.hex(magic)), expected \(expectedMagic))")
        }
        let sizeBytes = try reader.read(upTo: 4 * dimensionCount)
        guard sizeBytes.count == 4 * dimensionCount else { throw fail("truncated in its header") }
        let dimensions = (0..<dimensionCount).map { index in
            sizeBytes[(4 * index)..<(4 * index + 4)].reduce(0) { $0 << 8 | Int($1) }
        }
        var dataCount = 1
        for size in dimensions {
            let (product, overflow) = dataCount.multipliedReportingOverflow(by: size)
            guard !overflow, product <= Self.maximumDataBytes else {
                throw fail("header declares sizes \(Self.sizes(dimensions)), more than the \(Self.maximumDataBytes >> 20) MiB convbook accepts")
            }
            dataCount = product
        }
        let headerCount = 4 + 4 * dimensionCount
        if let plainSize, plainSize != headerCount + dataCount {
            throw fail(Self.mismatch(dimensions, declared: dataCount, actual: plainSize - headerCount))
        }
        let total = headerCount + dataCount
        let sizeIsKnown = plainSize == total || gzipSizeField == UInt32(truncatingIfNeeded: total)
        let data = sizeIsKnown ? try Self.readExactly(dataCount, from: reader)
                               : try Self.readGrowing(dataCount, from: reader)
        guard data.count == dataCount else {
            throw fail(Self.mismatch(dimensions, declared: dataCount, actual: data.count))
        }
        self.dimensions = dimensions
        self.bytes = data
    }

    /// Reads `count` bytes into one buffer sized up front, then checks that nothing follows.
    /// Returns fewer bytes, or `count + 1`, when the data is shorter or longer. The size
    /// may come from a lying hint: the buffer is at most `maximumDataBytes`, and its pages
    /// are only touched as real data arrives.
    private static func readExactly(_ count: Int, from reader: ByteReader) throws -> [UInt8] {
        var data = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = try reader.read(into: UnsafeMutableRawBufferPointer(buffer))
        }
        if data.count == count {
            // One byte more than declared is enough to see that there is too much (and it
            // makes a gzip reader check the stream's end and CRC).
            data += try reader.read(upTo: 1)
        }
        return data
    }

    /// Reads up to `count + 1` bytes, growing the buffer only as data arrives.
    private static func readGrowing(_ count: Int, from reader: ByteReader) throws -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(min(count + 1, 8 << 20))
        var chunk = [UInt8](repeating: 0, count: min(count + 1, 1 << 20))
        while data.count <= count {
            let wanted = min(chunk.count, count + 1 - data.count)
            let got = try chunk.withUnsafeMutableBytes {
                try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted]))
            }
            data.append(contentsOf: chunk[..<got])
            if got < wanted { break }
        }
        return data
    }

    private static func sizes(_ dimensions: [Int]) -> String {
        dimensions.map(String.init).joined(separator: "x")
    }

    private static func mismatch(_ dimensions: [Int], declared: Int, actual: Int) -> String {
        if actual < declared {
            return "truncated: header declares \(sizes(dimensions)) (\(declared) bytes of data) but only \(max(actual, 0)) are there"
        }
        return "header declares \(sizes(dimensions)) (\(declared) bytes of data) but more data follows"
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        "0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
