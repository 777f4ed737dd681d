import Testing
@testable import Datasets

/// Corrupt, truncated and lying IDX files: each a one-line `DatasetError` naming the file,
/// promptly and without a large allocation.
@Suite struct IDXHostileTests {
    /// Expects reading images and labels to fail with `message`, in well under a second.
    func expectFailure(images: [UInt8] = IDXFixtures.images(count: 4), labels: [UInt8] = IDXFixtures.labels(count: 4),
                       _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var thrown: Error?
        let seconds = secondsTaken {
            do { _ = try LabeledImages(imageBytes: images, labelBytes: labels, imagesName: "images.idx", labelsName: "labels.idx") }
            catch { thrown = error }
        }
        #expect(thrown.map { "\($0)" } == message, sourceLocation: sourceLocation)
        #expect(seconds < 1, "took \(seconds) s", sourceLocation: sourceLocation)
    }

    @Test func badMagic() {
        expectFailure(images: [0x50, 0x4B, 3, 4] + Array(repeating: 0, count: 40),
                      "images.idx: not an IDX file (magic 0x504b0304, expected 0x00000803)")
    }

    @Test func wrongElementType() {
        expectFailure(images: IDXFixtures.header(type: 0x0D, dimensions: [1, 1, 1]) + [0, 0, 0, 0],
                      "images.idx: IDX element type 0xd is not unsigned byte (0x08)")
    }

    @Test func wrongDimensionCount() {
        expectFailure(labels: IDXFixtures.images(count: 4),
                      "labels.idx: has 3 dimensions, expected 1 (magic 0x00000803, expected 0x00000801)")
    }

    @Test func emptyAndHeaderOnlyFiles() {
        expectFailure(images: [], "images.idx: too short for an IDX file (0 bytes)")
        expectFailure(images: [0, 0, 8, 3, 0, 0], "images.idx: truncated in its header")
    }

    @Test func truncatedData() {
        expectFailure(images: Array(IDXFixtures.images(count: 4).dropLast(5)),
                      "images.idx: truncated: header declares 4x4x3 (48 bytes of data) but only 43 are there")
    }

    @Test func dataPastTheDeclaredLength() {
        expectFailure(labels: IDXFixtures.labels(count: 4) + [1],
                      "labels.idx: header declares 4 (4 bytes of data) but more data follows")
    }

    @Test func giantDimensionsPlain() {
        // 2^31 images of 28x28: 1.7 TB claimed by a 16-byte header.
        expectFailure(images: IDXFixtures.header(dimensions: [1 << 31, 28, 28]),
                      "images.idx: header declares sizes 2147483648x28x28, more than the 256 MiB convbook accepts")
        // Each size fits, the product overflows Int64.
        expectFailure(images: IDXFixtures.header(dimensions: [UInt32.max, UInt32.max, UInt32.max]),
                      "images.idx: header declares sizes 4294967295x4294967295x4294967295, more than the 256 MiB convbook accepts")
    }

    @Test func lyingHeaderUnderTheCapInGzip() {
        // Claims 300,000 images (235 MB) but holds 4: fails after reading what is there.
        let lying = IDXFixtures.header(dimensions: [300_000, 28, 28]) + Array(repeating: 1, count: 4 * 784)
        expectFailure(images: IDXFixtures.gzip(lying),
                      "images.idx: truncated: header declares 300000x28x28 (235200000 bytes of data) but only 3136 are there")
    }

    @Test func lyingHeaderWithAForgedGzipSizeField() {
        // The trailer's size field is forged to agree with a header claiming 200,000 images
        // of 4x3: the buffer is sized from it, but only real data is read, and zlib's length
        // check catches the forgery.
        var compressed = IDXFixtures.gzip(IDXFixtures.header(dimensions: [200_000, 4, 3]) + Array(repeating: 5, count: 48))
        let forged = UInt32(16 + 200_000 * 12).littleEndian
        withUnsafeBytes(of: forged) { compressed.replaceSubrange((compressed.count - 4)..., with: $0) }
        expectFailure(images: compressed, "images.idx: corrupt gzip data (incorrect length check)")
    }

    @Test func gzipBombStopsAtTheDeclaredSize() {
        // 4 images declared, 64 MB of zeros behind them: only 4 * 12 + 1 bytes are inflated.
        let bomb = IDXFixtures.gzip(IDXFixtures.images(count: 4) + Array(repeating: 0, count: 64 << 20))
        expectFailure(images: bomb, "images.idx: header declares 4x4x3 (48 bytes of data) but more data follows")
    }

    @Test func countsDisagree() {
        expectFailure(labels: IDXFixtures.labels(count: 5), "labels.idx: has 5 labels but images.idx has 4 images")
    }

    @Test func labelOutsideZeroToNine() {
        var labels = IDXFixtures.labels(count: 4)
        labels[8 + 2] = 12
        expectFailure(labels: labels, "labels.idx: label 12 of image 2 is outside 0-9")
    }

    @Test func emptyImageSizeAndNoImages() {
        expectFailure(images: IDXFixtures.header(dimensions: [4, 0, 3]), "images.idx: image size 0x3 is empty")
        expectFailure(images: IDXFixtures.header(dimensions: [0, 28, 28]), labels: IDXFixtures.labels(count: 0),
                      "images.idx: holds no images")
    }

    @Test func gzipThatIsNotGzip() {
        expectFailure(images: [0x1F, 0x8B] + Array(repeating: 0x55, count: 100),
                      "images.idx: corrupt gzip data (unknown compression method)")
    }

    @Test func truncatedGzip() {
        let compressed = IDXFixtures.gzip(IDXFixtures.images(count: 4))
        expectFailure(images: Array(compressed.dropLast(12)), "images.idx: the gzip data ends early (truncated file)")
    }

    @Test func corruptGzipChecksum() {
        var compressed = IDXFixtures.gzip(IDXFixtures.images(count: 4))
        compressed[compressed.count - 6] ^= 0xFF  // inside the CRC-32 of the trailer
        expectFailure(images: compressed, "images.idx: corrupt gzip data (incorrect data check)")
    }

    @Test func garbageAfterGzip() {
        let compressed = IDXFixtures.gzip(IDXFixtures.images(count: 4)) + [1, 2, 3]
        expectFailure(images: compressed, "images.idx: unexpected bytes after the end of the gzip data")
    }

    @Test func missingFileAndDirectory() throws {
        let directory = IDXFixtures.temporaryDirectory()
        defer { IDXFixtures.remove(directory) }
        #expect(throws: DatasetError(file: "nothing-here", "cannot open: No such file or directory")) {
            _ = try IDXFile(contentsOf: directory + "/nothing-here", dimensionCount: 1)
        }
        let name = DatasetError.name(of: directory)
        #expect(throws: DatasetError(file: name, "is a directory, not a data file")) {
            _ = try IDXFile(contentsOf: directory, dimensionCount: 1)
        }
    }

    @Test func giantDimensionsOnDiskAreCheckedAgainstTheFileSize() throws {
        let directory = IDXFixtures.temporaryDirectory()
        defer { IDXFixtures.remove(directory) }
        let path = IDXFixtures.write(IDXFixtures.header(dimensions: [100_000, 28, 28]) + [1, 2, 3], to: directory, name: "lying")
        #expect(throws: DatasetError(file: "lying", "truncated: header declares 100000x28x28 (78400000 bytes of data) but only 3 are there")) {
            _ = try IDXFile(contentsOf: path, dimensionCount: 3)
        }
    }
}
