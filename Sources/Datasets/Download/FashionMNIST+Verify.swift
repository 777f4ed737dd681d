extension FashionMNIST {
    /// Checks that the file at `path` (plain or gzip) decompresses to `file`'s size and
    /// SHA-256. Throws `DatasetError` naming the file and what differs.
    public static func verify(_ path: String, as file: FileInfo) throws {
        // A byte past the expected size is enough to know it is wrong (and stops a gzip bomb).
        let (byteCount, digest) = try decompressedDigest(of: path, limit: file.byteCount + 1)
        let name = DatasetError.name(of: path)
        guard byteCount == file.byteCount else {
            let found = byteCount > file.byteCount ? "more than \(file.byteCount)" : "\(byteCount)"
            throw DatasetError(file: name, "holds \(found) bytes once decompressed, expected \(file.byteCount) for \(file.name)")
        }
        guard digest == file.sha256 else {
            throw DatasetError(file: name, "SHA-256 \(digest.prefix(16))... differs from \(file.name)'s \(file.sha256.prefix(16))...")
        }
    }

    /// The length and SHA-256 of the file's bytes, decompressed first if it is gzip.
    /// Reads in 1 MiB chunks (memory stays small whatever the file holds) and stops after
    /// `limit` bytes.
    public static func decompressedDigest(of path: String, limit: Int = .max) throws -> (byteCount: Int, sha256: String) {
        let file = try FileByteReader(path: path)
        let reader: ByteReader
        if let (first, second) = file.peekTwoBytes(), first == 0x1F, second == 0x8B {
            reader = try GzipByteReader(source: file, name: DatasetError.name(of: path))
        } else {
            reader = file
        }
        let hash = SHA256()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { chunk.deallocate() }
        var total = 0
        while total < limit {
            let wanted = min(chunk.count, limit - total)
            let got = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[..<wanted]))
            hash.update(UnsafeRawBufferPointer(rebasing: chunk[..<got]))
            total += got
            if got < wanted { break }
        }
        return (total, hash.finalize())
    }
}
