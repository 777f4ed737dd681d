import Foundation
import Testing
@testable import Datasets

@Suite struct LocateTests {
    /// A directory with the four files (tiny, valid IDX), gzip or plain as asked.
    func makeDataDirectory(gzip: Bool) -> String {
        let directory = IDXFixtures.temporaryDirectory()
        let contents = [IDXFixtures.images(count: 6), IDXFixtures.labels(count: 6), IDXFixtures.images(count: 4), IDXFixtures.labels(count: 4)]
        for (file, bytes) in zip(FashionMNIST.files, contents) {
            IDXFixtures.write(gzip ? IDXFixtures.gzip(bytes) : bytes, to: directory, name: file.name + (gzip ? ".gz" : ""))
        }
        return directory
    }

    @Test func explicitDirectoryComesFirst() throws {
        let explicit = makeDataDirectory(gzip: false), cache = makeDataDirectory(gzip: true)
        defer { IDXFixtures.remove(explicit); IDXFixtures.remove(cache) }
        let location = try FashionMNIST.locate(explicitDirectory: explicit, cacheDirectory: cache, systemDirectory: cache)
        #expect(location == FashionMNIST.Location(directory: explicit, origin: .explicit))
        let sets = try FashionMNIST.load(from: explicit)
        #expect(sets.training.count == 6 && sets.test.count == 4)
    }

    @Test func thenTheCacheThenTheSystemPackage() throws {
        let cache = makeDataDirectory(gzip: true), system = makeDataDirectory(gzip: false)
        let empty = IDXFixtures.temporaryDirectory()
        defer { IDXFixtures.remove(cache); IDXFixtures.remove(system); IDXFixtures.remove(empty) }
        #expect(try FashionMNIST.locate(explicitDirectory: nil, cacheDirectory: cache, systemDirectory: system)?.origin == .cache)
        #expect(try FashionMNIST.locate(explicitDirectory: nil, cacheDirectory: empty, systemDirectory: system)?.origin == .system)
        #expect(try FashionMNIST.locate(explicitDirectory: nil, cacheDirectory: empty + "/missing", systemDirectory: empty) == nil)
        #expect(try FashionMNIST.load(from: cache).training.count == 6)
    }

    @Test func aBrokenExplicitDirectoryIsAnErrorNotAFallback() throws {
        let cache = makeDataDirectory(gzip: true), partial = makeDataDirectory(gzip: true)
        defer { IDXFixtures.remove(cache); IDXFixtures.remove(partial) }
        try FileManager.default.removeItem(atPath: partial + "/t10k-labels-idx1-ubyte.gz")
        try FileManager.default.removeItem(atPath: partial + "/train-images-idx3-ubyte.gz")
        #expect(throws: DatasetError(file: "", "data directory \(partial) lacks train-images-idx3-ubyte, t10k-labels-idx1-ubyte (plain or .gz)")) {
            _ = try FashionMNIST.locate(explicitDirectory: partial, cacheDirectory: cache, systemDirectory: cache)
        }
        #expect(throws: DatasetError(file: "", "data directory \(cache)/nope (from --data or CONVBOOK_DATA) does not exist")) {
            _ = try FashionMNIST.locate(explicitDirectory: cache + "/nope", cacheDirectory: cache, systemDirectory: cache)
        }
        let aFile = cache + "/train-labels-idx1-ubyte.gz"
        #expect(throws: DatasetError(file: "", "data directory \(aFile) (from --data or CONVBOOK_DATA) is not a directory")) {
            _ = try FashionMNIST.locate(explicitDirectory: aFile, cacheDirectory: cache, systemDirectory: cache)
        }
    }

    @Test func aCorruptFileInTheDirectoryIsNamed() throws {
        let directory = makeDataDirectory(gzip: true)
        defer { IDXFixtures.remove(directory) }
        IDXFixtures.write([1, 2, 3], to: directory, name: "t10k-images-idx3-ubyte.gz")
        #expect(throws: DatasetError(file: "t10k-images-idx3-ubyte.gz", "too short for an IDX file (3 bytes)")) {
            _ = try FashionMNIST.load(from: directory)
        }
    }

    @Test func differentImageSizesAreRefused() throws {
        let directory = makeDataDirectory(gzip: false)
        defer { IDXFixtures.remove(directory) }
        IDXFixtures.write(IDXFixtures.images(count: 4, rows: 5, columns: 5), to: directory, name: "t10k-images-idx3-ubyte")
        #expect(throws: DatasetError(file: "", "training images are 4x3 but test images are 5x5")) {
            _ = try FashionMNIST.load(from: directory)
        }
    }
}
