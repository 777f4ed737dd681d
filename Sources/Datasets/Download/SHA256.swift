#if canImport(CommonCrypto)
import CommonCrypto
#else
import CCrypto
#endif

/// A SHA-256 digest computed incrementally: OpenSSL's libcrypto on Linux, CommonCrypto on
/// Apple platforms. Used to verify downloaded data against the digests in
/// `FashionMNIST.files` (of the decompressed bytes).
public final class SHA256 {
    #if canImport(CommonCrypto)
    private var context = CC_SHA256_CTX()
    #else
    private let context: OpaquePointer
    #endif

    public init() {
        #if canImport(CommonCrypto)
        CC_SHA256_Init(&context)
        #else
        // Allocation failure here means the process is out of memory: nothing to recover.
        guard let context = EVP_MD_CTX_new() else { fatalError("SHA256: out of memory") }
        self.context = context
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
        #endif
    }

    deinit {
        #if !canImport(CommonCrypto)
        EVP_MD_CTX_free(context)
        #endif
    }

    /// Adds `bytes` to the data digested.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        #if canImport(CommonCrypto)
        var offset = 0
        while offset < bytes.count {  // CC_LONG is 32-bit
            let length = min(bytes.count - offset, 1 << 30)
            CC_SHA256_Update(&context, base + offset, CC_LONG(length))
            offset += length
        }
        #else
        EVP_DigestUpdate(context, base, bytes.count)
        #endif
    }

    /// Adds `bytes` to the data digested.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest as 64 lowercase hexadecimal digits. Call once, after the last `update`.
    public func finalize() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        #if canImport(CommonCrypto)
        CC_SHA256_Final(&digest, &context)
        #else
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        #endif
        return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The digest of `bytes`, in hexadecimal.
    public static func hex(of bytes: [UInt8]) -> String {
        let hash = SHA256()
        hash.update(bytes)
        return hash.finalize()
    }
}
