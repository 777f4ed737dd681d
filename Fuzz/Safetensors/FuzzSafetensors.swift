import FuzzSupport
import NeuralNet

/// Fuzzes the safetensors reader: every input must load or throw, never crash, and a file
/// that loads must serialise back to bytes that load to the same tensors.
@main
enum FuzzSafetensors {
    static func main() {
        runFuzzer { bytes in
            guard let file = try? SafetensorsFile(bytes: bytes, name: "fuzz") else { return }
            guard let again = try? SafetensorsFile(bytes: file.serialized(), name: "again") else {
                fatalError("a file that loaded did not load again after writing")
            }
            // Compare bit patterns: NaN scalars are legal and never equal themselves.
            for name in file.names {
                let before = file.tensors[name], after = again.tensors[name]
                precondition(before?.shape == after?.shape
                             && before?.scalars.map(\.bitPattern) == after?.scalars.map(\.bitPattern),
                             "round trip changed tensor '\(name)'")
            }
            precondition(again.names == file.names && again.metadata == file.metadata, "round trip changed the file")
        }
    }
}
