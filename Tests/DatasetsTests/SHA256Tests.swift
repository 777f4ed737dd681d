import Testing
@testable import Datasets

@Suite struct SHA256Tests {
    @Test func knownDigests() {
        // FIPS 180-2 test vectors.
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func incrementalEqualsOneShot() {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let hash = SHA256()
        for start in stride(from: 0, to: bytes.count, by: 7_777) {
            hash.update(Array(bytes[start..<min(start + 7_777, bytes.count)]))
        }
        #expect(hash.finalize() == SHA256.hex(of: bytes))
    }

    @Test func theBundledSampleDecompressesToItsKnownDigest() throws {
        let digest = try FashionMNIST.decompressedDigest(of: FashionMNIST.samplePath(FashionMNIST.testLabelsFile))
        #expect(digest.byteCount == 1008)
        #expect(digest.sha256 == "b40abac7ec8228f434940f579deb7cf7b6e3103b5274cb91d1545771f5ef1c8b")
    }
}

