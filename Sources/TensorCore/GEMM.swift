#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// Single-precision matrix products on row-major matrices.
///
/// `multiply` runs on the platform BLAS (OpenBLAS's `cblas_sgemm` on Linux, Accelerate on
/// Apple platforms); `naiveMultiply` is its triple-loop twin with the same contract, kept so
/// the tests can check the fast path against something obviously right.
public enum GEMM {
    /// `C[m, n] = alpha * op(A)[m, k] * op(B)[k, n] + beta * C[m, n]`, all row-major.
    ///
    /// `op(A)` is `A` (stored `[m, k]`, leading dimension `lda >= k`) or, when `transposeA`,
    /// the transpose of `A` stored `[k, m]` (`lda >= m`); likewise for `B`. `beta == 1`
    /// accumulates into `C`, which is how gradients are summed.
    public static func multiply(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        checkDimensions(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
        guard m > 0, n > 0 else { return }
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// The triple-loop twin of `multiply`: same arguments, same result up to rounding.
    /// Accumulates in Double so that it is the more accurate of the two.
    public static func naiveMultiply(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        checkDimensions(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
        for row in 0..<m {
            for column in 0..<n {
                var sum = 0.0
                for inner in 0..<k {
                    let left = transposeA ? a[inner * lda + row] : a[row * lda + inner]
                    let right = transposeB ? b[column * ldb + inner] : b[inner * ldb + column]
                    sum += Double(left) * Double(right)
                }
                let previous = beta == 0 ? 0 : Double(beta) * Double(c[row * ldc + column])
                c[row * ldc + column] = Float(Double(alpha) * sum + previous)
            }
        }
    }

    private static func checkDimensions(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int) {
        precondition(m >= 0 && n >= 0 && k >= 0, "GEMM: negative size m=\(m) n=\(n) k=\(k)")
        precondition(lda >= max(1, transposeA ? m : k), "GEMM: lda=\(lda) too small for op(A) [\(m), \(k)], transposed: \(transposeA)")
        precondition(ldb >= max(1, transposeB ? k : n), "GEMM: ldb=\(ldb) too small for op(B) [\(k), \(n)], transposed: \(transposeB)")
        precondition(ldc >= max(1, n), "GEMM: ldc=\(ldc) too small for C [\(m), \(n)]")
        precondition(m <= Int(Int32.max) && n <= Int(Int32.max) && k <= Int(Int32.max), "GEMM: size beyond 32 bits")
    }

    /// Sets how many threads the BLAS may use (OpenBLAS only; Accelerate decides for itself).
    ///
    /// Small products (a batch of 32 through the tutorial model) can run slower on two threads
    /// than on one, because the threads' start-up and synchronisation cost more than the work.
    public static func setThreadCount(_ count: Int) {
        #if !canImport(Accelerate)
        openblas_set_num_threads(Int32(max(1, count)))
        #endif
    }

    /// How many threads the BLAS uses (1 where it cannot be asked).
    public static var threadCount: Int {
        #if canImport(Accelerate)
        return 1
        #else
        return Int(openblas_get_num_threads())
        #endif
    }
}
