import TensorCore

/// Named Float32 tensors and string metadata in the safetensors format
/// (https://huggingface.co/docs/safetensors), the format of convbook's model files.
///
/// Layout: an 8-byte little-endian header length `N`; `N` bytes of UTF-8 JSON,
/// `{"__metadata__": {string: string}, NAME: {"dtype": "F32", "shape": [...],
/// "data_offsets": [begin, end]}, ...}` (offsets relative to the data buffer); then the data
/// buffer, each tensor's scalars little-endian and row-major. convbook writes F32 only and
/// pads the header with spaces so the data starts 8-byte aligned, as the reference writer does.
///
/// Invariant: `names` lists each key of `tensors` exactly once, in file order.
public struct SafetensorsFile: Equatable, Sendable {
    /// The tensors' names in the order they are stored.
    public private(set) var names: [String] = []
    /// The tensors by name.
    public private(set) var tensors: [String: Tensor] = [:]
    /// Free-form string pairs (`__metadata__`): convbook keeps the architecture, the
    /// training history and the class names there.
    public var metadata: [String: String]

    /// An empty file with `metadata`.
    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
    }

    /// The tensor called `name`, if there is one.
    public subscript(name: String) -> Tensor? { tensors[name] }

    /// Adds `tensor` as `name`, after the others. A name used twice is a programmer error,
    /// as is "__metadata__".
    public mutating func append(_ tensor: Tensor, as name: String) {
        precondition(tensors[name] == nil, "SafetensorsFile: tensor '\(name)' added twice")
        precondition(name != "__metadata__", "SafetensorsFile: '__metadata__' is reserved")
        names.append(name)
        tensors[name] = tensor
    }

    /// The whole file as bytes.
    public func serialized() -> [UInt8] {
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(JSONValue.quoted($0)):\(JSONValue.quoted(metadata[$0] ?? ""))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        let ordered = names.compactMap { name in tensors[name].map { (name: name, tensor: $0) } }
        var offset = 0
        for (name, tensor) in ordered {
            let end = offset + 4 * tensor.count
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(JSONValue.quoted(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        header += Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        bytes += withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init)
        bytes += header
        for (_, tensor) in ordered {
            #if _endian(little)
            tensor.scalars.withUnsafeBytes { bytes.append(contentsOf: $0) }
            #else
            for scalar in tensor.scalars {
                bytes += withUnsafeBytes(of: scalar.bitPattern.littleEndian, Array.init)
            }
            #endif
        }
        return bytes
    }

    /// Writes the file to `path` atomically: a temporary file beside it, flushed, renamed
    /// over `path`. If anything fails (a full disk, a missing directory) the error says so
    /// and any earlier file at `path` is left as it was.
    public func write(to path: String) throws {
        try AtomicFile.write(serialized(), to: path)
    }
}
