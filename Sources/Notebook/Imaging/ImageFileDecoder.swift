import Foundation
import TensorCore

/// Reads a picture file (PNG, PGM or PPM) into a `GreyImage`, whatever its size and colours.
///
/// The format is recognised by its first bytes, not its name. PNG goes through the platform's
/// image library (libpng's simplified API on Linux, ImageIO on Apple platforms); colour is
/// turned into grey and transparency laid over white. Netpbm files (P2, P3, P5, P6) are read
/// here. Anything else, a truncated or corrupt file, or a picture over `ImageLimits`, is an
/// `ImageFileError` that says what is wrong; nothing is allocated from a header before it is
/// checked.
public enum ImageFileDecoder {
    /// Decodes the file at `path` (a leading `~` is the home directory). Errors do not repeat
    /// the path: the caller names the file.
    public static func decode(contentsOf path: String) throws -> GreyImage {
        try decode(read(path))
    }

    /// Decodes a file's bytes.
    public static func decode(_ bytes: [UInt8]) throws -> GreyImage {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return try PNGDecoder.decode(bytes)
        }
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), [UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "5"), UInt8(ascii: "6")].contains(bytes[1]) {
            return try NetpbmDecoder.decode(bytes)
        }
        if bytes.isEmpty { throw ImageFileError("the file is empty") }
        throw ImageFileError("not a PNG, PGM or PPM picture (convert it to PNG first)")
    }

    /// The bytes of the regular file at `path` (a symlink is followed), at most
    /// `ImageLimits.maximumFileBytes`; a FIFO or device is refused without blocking.
    static func read(_ path: String) throws -> [UInt8] {
        let expanded = (path as NSString).expandingTildeInPath
        do {
            return try RegularFile.read(expanded, limit: ImageLimits.maximumFileBytes)
        } catch let error as FileReadError {
            switch error.kind {
            case .missing: throw ImageFileError("no such file")
            case .directory: throw ImageFileError("not a regular file (a directory)")
            case .tooLarge: throw ImageFileError("\(error.reason.dropFirst(6))")  // "it is " dropped
            default: throw ImageFileError(error.reason)
            }
        }
    }
}
