import Foundation
import TensorCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches Fashion-MNIST's four files into a directory (the user cache), verifying each
/// by the SHA-256 of its decompressed bytes before it takes the file's place.
///
/// The official address is the one the dataset's README gives (Debian ships it as
/// /usr/share/doc/dataset-fashion-mnist/README.md.gz); `CONVBOOK_DATA_URL` overrides it,
/// e.g. for a mirror or a local test server.
public struct FashionMNISTDownloader: Sendable {
    /// Where Zalando Research serves the gzip files.
    public static let officialBaseURL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"

    /// The address the files are fetched from, ending in "/".
    public let baseURL: String
    /// Where they are stored.
    public let directory: String

    /// A downloader into `directory` from `baseURL` (the official address by default).
    public init(directory: String, baseURL: String? = nil) {
        let base = baseURL.flatMap { $0.isEmpty ? nil : $0 } ?? Self.officialBaseURL
        self.baseURL = base.hasSuffix("/") ? base : base + "/"
        self.directory = directory
    }

    /// What happened to one file.
    public enum Outcome: Sendable, Equatable {
        /// A verified copy was there already.
        case alreadyPresent
        /// Fetched (this many bytes) and verified.
        case downloaded(byteCount: Int)
    }

    /// Makes sure a verified copy of `file` is in `directory`, fetching `NAME.gz` if needed.
    ///
    /// - Parameters:
    ///   - progress: called about ten times a second with the bytes received so far and the
    ///     total if the server said it.
    ///   - shouldCancel: polled as often; returning true stops the download.
    /// - Throws: `DatasetError` for network failures, HTTP errors, a cancelled download or a
    ///   file whose size or SHA-256 is wrong (it is then deleted); `AtomicFileError` if the
    ///   directory cannot be written.
    public func fetch(_ file: FashionMNIST.FileInfo,
                      progress: (_ received: Int, _ expected: Int?) -> Void = { _, _ in },
                      shouldCancel: () -> Bool = { false }) throws -> Outcome {
        if let existing = FashionMNIST.path(of: file, in: directory), (try? FashionMNIST.verify(existing, as: file)) != nil {
            return .alreadyPresent
        }
        let name = file.name + ".gz"
        guard let url = URL(string: baseURL + name) else {
            throw DatasetError(file: "", "\(baseURL + name) is not a valid address")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let target = try AtomicFile(path: directory + "/" + name)
        // More than the decompressed size can only be wrong: a cap against endless responses.
        let transfer = HTTPTransfer(url: url, into: target, name: name, limit: file.byteCount + (1 << 20))
        let byteCount: Int
        do {
            byteCount = try transfer.run(progress: progress, shouldCancel: shouldCancel)
        } catch {
            target.discard()
            throw error
        }
        do {
            try FashionMNIST.verify(target.temporaryPath, as: file)
        } catch let error as DatasetError {
            target.discard()
            // verify() names the temporary file: name the real one.
            throw DatasetError(file: name, "downloaded from \(baseURL) but " + error.problem + "; the file was deleted")
        }
        try target.commit()
        // A stale copy of the other form (plain beside .gz) would be found first: remove it.
        let plain = directory + "/" + file.name
        if FileManager.default.fileExists(atPath: plain) { try? FileManager.default.removeItem(atPath: plain) }
        return .downloaded(byteCount: byteCount)
    }
}
