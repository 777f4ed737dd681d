#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorCore

extension SafetensorsFile {
    /// The largest header accepted: 100 MB, the reference implementation's limit.
    public static let maximumHeaderBytes = 100_000_000

    /// The most tensor data read by default: 1 GB (a model at convbook's parameter budget
    /// takes a fifth of it).
    public static let maximumDataBytes = 1 << 30

    /// Reads the safetensors file at `path`, which must be a regular file (opened without
    /// blocking, so a FIFO is refused rather than waited on).
    ///
    /// Everything is checked before tensors are allocated: the header length against the
    /// limit and the file size, the JSON, each entry's dtype (F32 only), shape (whole
    /// numbers >= 0, product without overflow) and offsets (inside the data, matching
    /// shape x 4 bytes, not overlapping), the total against `maximumDataBytes`; then `check`
    /// sees the header (a loader matches names and shapes there) and may throw. Only then are
    /// tensors read. Each problem of the file is a `SafetensorsError`; `check`'s errors pass
    /// through as they are.
    public init(contentsOf path: String, maximumDataBytes: Int = Self.maximumDataBytes,
                check: (SafetensorsHeader) throws -> Void = { _ in }) throws {
        let source = try SafetensorsSource(path: path)
        try self.init(source: source, maximumDataBytes: maximumDataBytes, check: check)
    }

    /// Parses a safetensors file held in memory (tests, fuzzing).
    public init(bytes: [UInt8], name: String = "safetensors", maximumDataBytes: Int = Self.maximumDataBytes,
                check: (SafetensorsHeader) throws -> Void = { _ in }) throws {
        try self.init(source: SafetensorsSource(bytes: bytes, name: name), maximumDataBytes: maximumDataBytes, check: check)
    }

    private init(source: SafetensorsSource, maximumDataBytes: Int, check: (SafetensorsHeader) throws -> Void) throws {
        func fail(_ problem: String) -> SafetensorsError { SafetensorsError(file: source.name, problem) }
        guard source.size >= 8 else { throw fail("too short for a safetensors file (\(source.size) bytes)") }
        let lengthBytes = try source.read(at: 0, count: 8)
        let declared = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard declared <= UInt64(Self.maximumHeaderBytes) else {
            throw fail("header length \(declared) is more than the \(Self.maximumHeaderBytes / 1_000_000) MB allowed")
        }
        let headerLength = Int(declared)
        guard headerLength <= source.size - 8 else {
            throw fail("header length \(headerLength) runs past the end of the file (\(source.size) bytes)")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(try source.read(at: 8, count: headerLength))
        } catch let failure as JSONParser.Failure {
            throw fail("header is not valid JSON: \(failure.message)")
        }
        guard case let .object(members) = json else { throw fail("header is \(json.kind), not a JSON object") }
        let dataStart = 8 + headerLength
        let entries = try Self.entries(members, dataSize: source.size - dataStart, fail: fail)
        let header = SafetensorsHeader(metadata: try Self.metadata(members, fail: fail), entries: entries)
        guard header.dataBytes <= maximumDataBytes else {
            throw fail("its tensors hold \(RegularFile.byteSize(header.dataBytes)); at most \(RegularFile.byteSize(maximumDataBytes)) is read")
        }
        try check(header)
        var file = SafetensorsFile(metadata: header.metadata)
        for entry in entries {
            let scalars = try source.readFloats(at: dataStart + entry.begin, count: entry.count)
            file.append(Tensor(shape: entry.shape, scalars: scalars), as: entry.name)
        }
        self = file
    }

    private static func metadata(_ members: [(key: String, value: JSONValue)],
                                 fail: (String) -> SafetensorsError) throws -> [String: String] {
        guard let value = members.first(where: { $0.key == "__metadata__" })?.value else { return [:] }
        guard case let .object(pairs) = value else { throw fail("__metadata__ is \(value.kind), not an object of strings") }
        var metadata: [String: String] = [:]
        for (key, value) in pairs {
            guard case let .string(text) = value else {
                throw fail("__metadata__ value \(JSONValue.quoted(String(key.prefix(40)))) is \(value.kind), not a string")
            }
            metadata[key] = text
        }
        return metadata
    }

    /// The tensor entries in data order, each checked on its own and against the others.
    private static func entries(_ members: [(key: String, value: JSONValue)], dataSize: Int,
                                fail: (String) -> SafetensorsError) throws -> [SafetensorsHeader.Entry] {
        var entries: [SafetensorsHeader.Entry] = []
        for (name, value) in members where name != "__metadata__" {
            let shown = JSONValue.quoted(String(name.prefix(60)))
            guard case let .object(fields) = value else { throw fail("tensor \(shown) is \(value.kind), not an object") }
            func field(_ key: String) throws -> JSONValue {
                guard let found = fields.first(where: { $0.key == key })?.value else { throw fail("tensor \(shown) has no \(key)") }
                return found
            }
            guard case let .string(dtype) = try field("dtype") else { throw fail("tensor \(shown): dtype is not a string") }
            guard dtype == "F32" else {
                let known = ["F64", "F16", "BF16", "I64", "I32", "I16", "I8", "U64", "U32", "U16", "U8", "BOOL", "F8_E4M3", "F8_E5M2"]
                throw fail("tensor \(shown) has dtype \(known.contains(dtype) ? dtype : JSONValue.quoted(String(dtype.prefix(20)))); convbook reads F32 only")
            }
            guard case let .array(dimensions) = try field("shape") else { throw fail("tensor \(shown): shape is not an array") }
            var shape: [Int] = []
            var count = 1
            for dimension in dimensions {
                guard let size = dimension.integer, size >= 0 else {
                    throw fail("tensor \(shown): shape holds \(Self.describe(dimension)), not a whole number >= 0")
                }
                let (product, overflow) = count.multipliedReportingOverflow(by: size)
                guard !overflow, product <= Int.max / 4 else { throw fail("tensor \(shown): shape \(Self.describe(.array(dimensions))) is too large") }
                shape.append(size)
                count = product
            }
            guard case let .array(offsets) = try field("data_offsets"), offsets.count == 2,
                  let begin = offsets[0].integer, let end = offsets[1].integer else {
                throw fail("tensor \(shown): data_offsets is not [begin, end] in whole numbers")
            }
            guard begin >= 0, begin <= end, end <= dataSize else {
                throw fail("tensor \(shown): data_offsets [\(begin), \(end)] are outside the \(dataSize) bytes of data")
            }
            guard end - begin == 4 * count else {
                throw fail("tensor \(shown): data_offsets [\(begin), \(end)] hold \(end - begin) bytes, shape \(shape) of F32 needs \(4 * count)")
            }
            entries.append(SafetensorsHeader.Entry(name: name, shape: shape, count: count, begin: begin, end: end))
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        for (previous, next) in zip(entries, entries.dropFirst()) where next.begin < previous.end {
            throw fail("tensors \(JSONValue.quoted(String(previous.name.prefix(40)))) and \(JSONValue.quoted(String(next.name.prefix(40)))) overlap in the data")
        }
        return entries
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case let .number(text): String(text.prefix(30))
        case let .array(elements): "[" + elements.prefix(8).map(describe).joined(separator: ", ") + (elements.count > 8 ? ", ..." : "") + "]"
        default: value.kind
        }
    }
}

/// Random access to a safetensors file's bytes: a file (pread) or memory.
private final class SafetensorsSource {
    let name: String
    let size: Int
    private let descriptor: Int32
    private let bytes: [UInt8]

    init(path: String) throws {
        name = path.split(separator: "/").last.map(String.init) ?? path
        bytes = []
        do {
            (descriptor, size) = try RegularFile.open(path)
        } catch let error as FileReadError {
            throw SafetensorsError(file: name, "cannot open: \(error.reason)")
        }
    }

    init(bytes: [UInt8], name: String) {
        self.name = name
        self.bytes = bytes
        size = bytes.count
        descriptor = -1
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// `count` bytes from `offset`; the caller has checked the range against `size`.
    func read(at offset: Int, count: Int) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        try result.withUnsafeMutableBytes { try fill($0, from: offset) }
        return result
    }

    /// `count` little-endian Float32 values from `offset`; the range is checked by the caller.
    func readFloats(at offset: Int, count: Int) throws -> [Float] {
        var scalars = [Float](repeating: 0, count: count)
        try scalars.withUnsafeMutableBytes { try fill($0, from: offset) }
        #if !_endian(little)
        scalars = scalars.map { Float(bitPattern: UInt32(littleEndian: $0.bitPattern)) }
        #endif
        return scalars
    }

    private func fill(_ buffer: UnsafeMutableRawBufferPointer, from offset: Int) throws {
        guard let base = buffer.baseAddress else { return }
        if descriptor < 0 {
            bytes.withUnsafeBytes { source in
                if let start = source.baseAddress { base.copyMemory(from: start + offset, byteCount: buffer.count) }
            }
            return
        }
        var filled = 0
        while filled < buffer.count {
            let got = pread(descriptor, base + filled, buffer.count - filled, off_t(offset + filled))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                throw SafetensorsError(file: name, got == 0 ? "ends early (the file shrank while being read)" : "cannot read: \(String(cString: strerror(errno)))")
            }
            filled += got
        }
    }
}

/// A safetensors file's header, checked: its metadata and its tensors' descriptions, before
/// any tensor is read.
public struct SafetensorsHeader: Sendable {
    /// One tensor's description: F32, `shape`, bytes `begin..<end` of the data buffer.
    public struct Entry: Sendable {
        public let name: String
        public let shape: [Int]
        /// The number of scalars (the product of `shape`).
        public let count: Int
        let begin: Int
        let end: Int
    }

    public let metadata: [String: String]
    /// The tensors in data order.
    public let entries: [Entry]

    /// The bytes all tensors take.
    public var dataBytes: Int { entries.reduce(0) { $0 + ($1.end - $1.begin) } }

    /// The entry called `name`, if there is one.
    public func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }
}
