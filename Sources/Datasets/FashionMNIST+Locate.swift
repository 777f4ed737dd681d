import Foundation

extension FashionMNIST {
    /// Where the data was found, and why there.
    public enum Origin: Sendable, Equatable {
        /// Named by `--data DIR` or `CONVBOOK_DATA`.
        case explicit
        /// The user's cache, where `data download` puts it.
        case cache
        /// The Debian/Ubuntu package `dataset-fashion-mnist`.
        case system
    }

    /// A directory holding all four files.
    public struct Location: Sendable, Equatable {
        public let directory: String
        public let origin: Origin
    }

    /// Finds the data, in this order (the README's): `explicitDirectory` (from `--data` or
    /// `CONVBOOK_DATA`), then `cacheDirectory` (`$XDG_CACHE_HOME/convbook/fashion-mnist`, where
    /// `data download` puts it), then `systemDirectory` (the Debian/Ubuntu package).
    ///
    /// A directory named explicitly must exist and hold all four files: if it does not,
    /// that is an error, never a silent fall-back to another copy. Returns nil when no copy
    /// is found anywhere.
    public static func locate(explicitDirectory: String?, cacheDirectory: String,
                              systemDirectory: String = systemDirectory) throws -> Location? {
        if let explicitDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: explicitDirectory, isDirectory: &isDirectory) else {
                throw DatasetError(file: "", "data directory \(explicitDirectory) (from --data or CONVBOOK_DATA) does not exist")
            }
            guard isDirectory.boolValue else {
                throw DatasetError(file: "", "data directory \(explicitDirectory) (from --data or CONVBOOK_DATA) is not a directory")
            }
            let missing = files.filter { path(of: $0, in: explicitDirectory) == nil }.map(\.name)
            guard missing.isEmpty else {
                throw DatasetError(file: "", "data directory \(explicitDirectory) lacks \(missing.joined(separator: ", ")) (plain or .gz)")
            }
            return Location(directory: explicitDirectory, origin: .explicit)
        }
        if isComplete(cacheDirectory) { return Location(directory: cacheDirectory, origin: .cache) }
        if isComplete(systemDirectory) { return Location(directory: systemDirectory, origin: .system) }
        return nil
    }
}
