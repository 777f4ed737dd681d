import Testing
@testable import Datasets

/// The full Fashion-MNIST, when the Debian package `dataset-fashion-mnist` is installed.
@Suite(.enabled(if: FashionMNIST.isComplete(FashionMNIST.systemDirectory), "needs /usr/share/datasets/fashion-mnist"))
struct FullDataTests {
    @Test func loadsSixtyThousandAndTenThousand() throws {
        let sets = try FashionMNIST.load(from: FashionMNIST.systemDirectory)
        #expect(sets.training.count == 60_000 && sets.training.rows == 28 && sets.training.columns == 28)
        #expect(sets.test.count == 10_000)
        // Balanced classes: 6,000 and 1,000 images of each.
        #expect((0..<10).allSatisfy { label in sets.training.labels.filter { $0 == label }.count == 6_000 })
        // The bundled sample is the test set's first 1,000 images.
        #expect(try FashionMNIST.sample() == sets.test.prefix(1_000))
    }

    @Test(arguments: FashionMNIST.files)
    func decompressedBytesMatchTheDesignDigests(file: FashionMNIST.FileInfo) throws {
        let path = try #require(FashionMNIST.path(of: file, in: FashionMNIST.systemDirectory))
        try FashionMNIST.verify(path, as: file)
    }
}
