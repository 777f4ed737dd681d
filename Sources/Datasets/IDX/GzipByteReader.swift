import CZlib

/// Decompresses a gzip stream (RFC 1952, one or more members) from another reader.
///
/// Memory is bounded by the caller: bytes come out only as fast as they are asked for, so
/// a gzip bomb costs no more than the buffer the caller offers. Corrupt, truncated or
/// trailing data are `DatasetError`s naming the file.
final class GzipByteReader: ByteReader {
    private let source: ByteReader
    private let name: String
    /// The zlib state. It keeps a pointer to itself, so it must not move: heap-allocated.
    private let stream: UnsafeMutablePointer<z_stream>
    /// Compressed bytes waiting to be inflated; heap-allocated so `next_in` stays valid.
    private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 1)
    private var sourceEnded = false
    private var finished = false

    /// Starts decompressing `source`, which must begin with the gzip magic 1f 8b.
    init(source: ByteReader, name: String) throws {
        self.source = source
        self.name = name
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 16 + MAX_WBITS: a gzip wrapper (not raw deflate, not zlib).
        let status = inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            // Fully initialised already, so deinit runs and frees the buffers.
            throw DatasetError(file: name, "cannot start gzip decompression (zlib status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var produced = 0
        while produced < buffer.count, !finished {
            if stream.pointee.avail_in == 0, !sourceEnded { try refill() }
            stream.pointee.next_out = (buffer.baseAddress! + produced).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(min(buffer.count - produced, Int(UInt32.max)))
            let before = stream.pointee.avail_out
            let status = inflate(stream, Z_NO_FLUSH)
            produced += Int(before - stream.pointee.avail_out)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                try startNextMemberOrFinish()
            case Z_BUF_ERROR where stream.pointee.avail_in == 0 && sourceEnded:
                throw DatasetError(file: name, "the gzip data ends early (truncated file)")
            case Z_BUF_ERROR:
                continue
            case Z_MEM_ERROR:
                throw DatasetError(file: name, "out of memory while decompressing")
            default:
                throw DatasetError(file: name, "corrupt gzip data (\(zlibMessage ?? "zlib status \(status)"))")
            }
        }
        return produced
    }

    private var zlibMessage: String? { stream.pointee.msg.map { String(cString: $0) } }

    /// Reads the next chunk of compressed bytes into `input`.
    private func refill() throws {
        let got = try source.read(into: input)
        if got == 0 { sourceEnded = true }
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(got)
    }

    /// After a member's end: another member (concatenated gzip) continues the data; any
    /// other trailing bytes are an error; nothing left means the data is complete.
    private func startNextMemberOrFinish() throws {
        if stream.pointee.avail_in == 0, !sourceEnded { try refill() }
        guard stream.pointee.avail_in > 0, let next = stream.pointee.next_in else {
            finished = true
            return
        }
        if stream.pointee.avail_in == 1, !sourceEnded {
            // Keep the lone byte and append the next chunk so two bytes can be checked.
            input[0] = next.pointee
            let more = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[1...]))
            if more == 0 { sourceEnded = true }
            stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = UInt32(1 + more)
        }
        guard stream.pointee.avail_in >= 2, let head = stream.pointee.next_in, head[0] == 0x1F, head[1] == 0x8B else {
            throw DatasetError(file: name, "unexpected bytes after the end of the gzip data")
        }
        inflateReset(stream)
    }
}
