import Foundation
import Testing
@testable import Datasets

/// `data download` against a local server serving copies of the files.
@Suite(.enabled(if: LocalHTTPServer.python != nil, "needs python3 for a local HTTP server"))
struct DownloadTests {
    /// The bundled sample's labels, described as the downloader expects a file.
    let sampleLabels = FashionMNIST.FileInfo(name: "t10k-labels-idx1-ubyte", byteCount: 1008,
        sha256: "b40abac7ec8228f434940f579deb7cf7b6e3103b5274cb91d1545771f5ef1c8b")

    /// A served directory holding the sample's labels, and an empty cache.
    func withServer(_ body: (LocalHTTPServer, _ cache: String, _ served: String) throws -> Void) throws {
        let served = IDXFixtures.temporaryDirectory(), cache = IDXFixtures.temporaryDirectory() + "/fashion-mnist"
        defer { IDXFixtures.remove(served); IDXFixtures.remove((cache as NSString).deletingLastPathComponent) }
        try FileManager.default.copyItem(atPath: FashionMNIST.samplePath(FashionMNIST.testLabelsFile),
                                         toPath: served + "/t10k-labels-idx1-ubyte.gz")
        let server = try LocalHTTPServer(directory: served)
        defer { server.stop() }
        try body(server, cache, served)
    }

    @Test func fetchesVerifiesAndThenFindsItPresent() throws {
        try withServer { server, cache, _ throws in
            let downloader = FashionMNISTDownloader(directory: cache, baseURL: server.baseURL)
            var reports: [(Int, Int?)] = []
            let outcome = try downloader.fetch(sampleLabels, progress: { reports.append(($0, $1)) })
            let size = try #require(try FileManager.default.attributesOfItem(atPath: cache + "/t10k-labels-idx1-ubyte.gz")[.size] as? Int)
            #expect(outcome == .downloaded(byteCount: size))
            #expect(reports.last.map { $0.0 == size && $0.1 == size } == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: cache) == ["t10k-labels-idx1-ubyte.gz"])
            #expect(try downloader.fetch(sampleLabels) == .alreadyPresent)
        }
    }

    @Test func aWrongDigestDeletesTheFile() throws {
        try withServer { server, cache, _ throws in
            let wrong = FashionMNIST.FileInfo(name: sampleLabels.name, byteCount: 1008, sha256: String(repeating: "0", count: 64))
            let downloader = FashionMNISTDownloader(directory: cache, baseURL: server.baseURL)
            #expect(throws: DatasetError(file: "t10k-labels-idx1-ubyte.gz",
                                         "downloaded from \(server.baseURL) but SHA-256 b40abac7ec8228f4... differs from t10k-labels-idx1-ubyte's 0000000000000000...; the file was deleted")) {
                _ = try downloader.fetch(wrong)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: cache) == [])
            let short = FashionMNIST.FileInfo(name: sampleLabels.name, byteCount: 1000, sha256: sampleLabels.sha256)
            #expect(throws: DatasetError(file: "t10k-labels-idx1-ubyte.gz",
                                         "downloaded from \(server.baseURL) but holds more than 1000 bytes once decompressed, expected 1000 for t10k-labels-idx1-ubyte; the file was deleted")) {
                _ = try downloader.fetch(short)
            }
        }
    }

    @Test func aMissingFileIsAnHTTPError() throws {
        try withServer { server, cache, _ throws in
            let downloader = FashionMNISTDownloader(directory: cache, baseURL: server.baseURL)
            #expect(throws: DatasetError(file: "train-labels-idx1-ubyte.gz",
                                         "the server answered HTTP 404 for \(server.baseURL)train-labels-idx1-ubyte.gz")) {
                _ = try downloader.fetch(FashionMNIST.trainingLabelsFile)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: cache) == [])
        }
    }

    @Test func cancellingStopsAndLeavesNothing() throws {
        try withServer { server, cache, _ throws in
            let downloader = FashionMNISTDownloader(directory: cache, baseURL: server.baseURL)
            #expect(throws: DatasetError(file: "t10k-labels-idx1-ubyte.gz", "download cancelled")) {
                _ = try downloader.fetch(sampleLabels, shouldCancel: { true })
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: cache) == [])
        }
    }

    @Test func nobodyListeningIsAClearError() throws {
        let cache = IDXFixtures.temporaryDirectory()
        defer { IDXFixtures.remove(cache) }
        // Port 9 (discard) on localhost: nothing listens there in a test environment.
        let downloader = FashionMNISTDownloader(directory: cache, baseURL: "http://127.0.0.1:9")
        do {
            _ = try downloader.fetch(sampleLabels)
            Issue.record("expected a connection failure")
        } catch let error as DatasetError {
            #expect(error.problem.hasPrefix("download from http://127.0.0.1:9/t10k-labels-idx1-ubyte.gz failed: "))
        }
    }

    /// With the Debian package installed: serve its four files and download all of them,
    /// checked against the digests in `FashionMNIST.files`.
    @Test(.enabled(if: FashionMNIST.isComplete(FashionMNIST.systemDirectory), "needs /usr/share/datasets/fashion-mnist"))
    func theRealFilesDownloadAndVerify() throws {
        try withServer { _, cache, served in
            for file in FashionMNIST.files where file.name != "t10k-labels-idx1-ubyte" {
                try FileManager.default.copyItem(atPath: FashionMNIST.systemDirectory + "/" + file.name + ".gz",
                                                 toPath: served + "/" + file.name + ".gz")
            }
            try FileManager.default.removeItem(atPath: served + "/t10k-labels-idx1-ubyte.gz")
            try FileManager.default.copyItem(atPath: FashionMNIST.systemDirectory + "/t10k-labels-idx1-ubyte.gz",
                                             toPath: served + "/t10k-labels-idx1-ubyte.gz")
            let server = try LocalHTTPServer(directory: served)
            defer { server.stop() }
            let downloader = FashionMNISTDownloader(directory: cache, baseURL: server.baseURL)
            for file in FashionMNIST.files {
                guard case .downloaded = try downloader.fetch(file) else {
                    Issue.record("\(file.name) was not downloaded")
                    continue
                }
            }
            #expect(try FashionMNIST.locate(explicitDirectory: nil, cacheDirectory: cache, systemDirectory: "/nonexistent")?.origin == .cache)
        }
    }
}
