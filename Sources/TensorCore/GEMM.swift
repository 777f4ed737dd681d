#if canImport(Accelerate)
import Accelerate
#else
import CDNNL
#endif

/// Single-precision matrix products on row-major matrices.
///
/// `multiply` runs on oneDNN's `dnnl_sgemm` on Linux (JIT-compiled for the processor's widest
/// vectors) and on Accelerate's `cblas_sgemm` on Apple platforms; `naiveMultiply` is its
/// triple-loop twin with the same contract, kept so the tests can check the fast path against
/// something obviously right.
///
/// Why oneDNN rather than OpenBLAS: training splits each batch over the cores, so its products
/// are small (a part of 16 examples: 16 x 512 x 512 for the dense layer, 576 x 64 x 288 for
/// the second convolution). Single-threaded on the 2-core AVX-512 benchmark machine, oneDNN
/// took 71 us for 16 x 512 x 512 against 110 us for hand-written unpacked loops and 114 us for
/// OpenBLAS 0.3.21, and 5-27% less than OpenBLAS on the convolutions' shapes. One epoch of the
/// tutorial model, four alternating pairs of runs: 7.2-9.8 s of CPU against 9.9-11.4 s with
/// OpenBLAS and those loops, 11-27% less in each pair.
public enum GEMM {
    /// `C[m, n] = alpha * op(A)[m, k] * op(B)[k, n] + beta * C[m, n]`, all row-major.
    ///
    /// `op(A)` is `A` (stored `[m, k]`, leading dimension `lda >= k`) or, when `transposeA`,
    /// the transpose of `A` stored `[k, m]` (`lda >= m`); likewise for `B`. `beta == 1`
    /// accumulates into `C`.
    public static func multiply(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        checkDimensions(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
        guard m > 0, n > 0 else { return }
        let splitsRows = m >= n
        let parts = 2 * m * n * k >= parallelThreshold ? min(WorkerTeam.shared.threadCount, splitsRows ? m : n) : 1
        guard parts > 1 else {
            sgemm(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            return
        }
        // Each part runs a single-threaded product on its own thread. Splitting C's rows
        // [start, end) needs the same rows of op(A) (A's rows, or its columns when transposed)
        // and all of B; splitting C's columns needs all of A and those columns of op(B). Each
        // thread packs its whole shared operand, so the split is along the larger of m and n,
        // which keeps the shared operand the smaller one (a batch of 32 through a 512 x 512
        // dense kernel splits the kernel's columns, not the 32 rows).
        let operands = Operands(a: a, b: b, c: c)
        WorkerTeam.shared.forEach(parts) { part in
            if splitsRows {
                let start = m * part / parts, end = m * (part + 1) / parts
                sgemm(transposeA, transposeB, end - start, n, k, alpha,
                      operands.a + (transposeA ? start : start * lda), lda, operands.b, ldb, beta,
                      operands.c + start * ldc, ldc)
            } else {
                let start = n * part / parts, end = n * (part + 1) / parts
                sgemm(transposeA, transposeB, m, end - start, k, alpha,
                      operands.a, lda, operands.b + (transposeB ? start * ldb : start), ldb, beta,
                      operands.c + start, ldc)
            }
        }
    }

    /// The three matrices, handed to the threads of one split product (each writes its own rows).
    private struct Operands: @unchecked Sendable {
        let a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
    }

    /// One product on the calling thread alone.
    private static func sgemm(_ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
                              _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                              _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        #if canImport(Accelerate)
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        #else
        cdnnl_use_calling_thread_only()
        let status = dnnl_sgemm(CChar(UInt8(ascii: transposeA ? "T" : "N")), CChar(UInt8(ascii: transposeB ? "T" : "N")),
                                dnnl_dim_t(m), dnnl_dim_t(n), dnnl_dim_t(k), alpha, a, dnnl_dim_t(lda),
                                b, dnnl_dim_t(ldb), beta, c, dnnl_dim_t(ldc))
        precondition(status == dnnl_success, "GEMM: dnnl_sgemm failed (status \(status.rawValue)) for m=\(m) n=\(n) k=\(k)")
        #endif
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
        let limit = Int(Int32.max)
        precondition(m <= limit && n <= limit && k <= limit && lda <= limit && ldb <= limit && ldc <= limit,
                     "GEMM: a size or leading dimension beyond 32 bits")
    }

    /// Products of at least this many floating-point operations (`2 * m * n * k`) are split
    /// into `WorkerTeam.shared.threadCount` parts computed at once, each on one thread.
    ///
    /// Why so large: training does not split its products (batch 32: 0.3-42 MFLOP, 0.1-0.3 ms
    /// each) but whole steps (`DataParallelStep`, one part of the batch per core). On a 2-core
    /// KVM guest (AVX-512 Xeon, load 1.6-2.1), one epoch split from 2 MFLOP took 7.0-7.25 s
    /// and 9.8-10.2 s of CPU; from 64 MFLOP (no training product split) 6.1-7.0 s and 6.5-7.6 s
    /// of CPU, same results. `evaluate` shares whole batches out over the cores too; a single
    /// large batch (`logits` of many images) splits its largest products.
    public static let parallelThreshold = 64_000_000
}
