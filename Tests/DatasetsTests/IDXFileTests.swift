import Testing
@testable import Datasets

@Suite struct IDXFileTests {
    @Test func readsPlainImagesAndLabels() throws {
        let images = try LabeledImages(imageBytes: IDXFixtures.images(count: 5), labelBytes: IDXFixtures.labels(count: 5, first: 7))
        #expect(images.count == 5 && images.rows == 4 && images.columns == 3)
        #expect(images.labels == [7, 8, 9, 0, 1])
        #expect(Array(images.pixels(at: 2)) == (0..<12).map { UInt8(14 + $0) })
    }

    @Test func gzipGivesTheSameAsPlain() throws {
        let imageBytes = IDXFixtures.images(count: 300, rows: 28, columns: 28)
        let labelBytes = IDXFixtures.labels(count: 300)
        let plain = try LabeledImages(imageBytes: imageBytes, labelBytes: labelBytes)
        let compressed = try LabeledImages(imageBytes: IDXFixtures.gzip(imageBytes), labelBytes: IDXFixtures.gzip(labelBytes))
        #expect(plain == compressed)
        #expect(plain.pixels == Array(imageBytes.dropFirst(16)))
    }

    @Test func concatenatedGzipMembersAreOneStream() throws {
        let bytes = IDXFixtures.labels(count: 40)
        let twoMembers = IDXFixtures.gzip(Array(bytes[..<20])) + IDXFixtures.gzip(Array(bytes[20...]))
        let file = try IDXFile(bytes: twoMembers, name: "labels.gz", dimensionCount: 1)
        #expect(file.bytes == Array(bytes.dropFirst(8)))
    }

    @Test func readsFilesFromDiskPlainAndGzip() throws {
        let directory = IDXFixtures.temporaryDirectory()
        defer { IDXFixtures.remove(directory) }
        let imageBytes = IDXFixtures.images(count: 20)
        let labelBytes = IDXFixtures.labels(count: 20)
        let plain = try LabeledImages(imagesAt: IDXFixtures.write(imageBytes, to: directory, name: "i"),
                                      labelsAt: IDXFixtures.write(labelBytes, to: directory, name: "l"))
        let compressed = try LabeledImages(imagesAt: IDXFixtures.write(IDXFixtures.gzip(imageBytes), to: directory, name: "i.gz"),
                                           labelsAt: IDXFixtures.write(IDXFixtures.gzip(labelBytes), to: directory, name: "l.gz"))
        #expect(plain == compressed && plain.count == 20)
    }
}
