import Datasets
import FuzzSupport

/// Fuzzes the IDX reader (plain and gzip) and the pairing of images with labels:
/// every input must parse or throw, never crash or allocate past its limits.
@main
enum FuzzIDX {
    static func main() {
        runFuzzer { bytes in
            _ = try? IDXFile(bytes: bytes, name: "fuzz", dimensionCount: 3)
            _ = try? IDXFile(bytes: bytes, name: "fuzz", dimensionCount: 1)
            // The first byte splits the input into an images file and a labels file.
            guard let first = bytes.first else { return }
            let split = min(Int(first) * 16, bytes.count - 1)
            _ = try? LabeledImages(imageBytes: Array(bytes[1..<(split + 1)]), labelBytes: Array(bytes[(split + 1)...]))
        }
    }
}
