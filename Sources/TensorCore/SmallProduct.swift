import CKernels

/// The matrix products with a small side that run unpacked in C (`ck_small_product`,
/// `ck_small_product_bt`) instead of OpenBLAS: a data-parallel part of 16 examples through
/// the 512 x 512 dense kernel. OpenBLAS packs both operands on every call, and each core packs
/// the whole kernel again for its 16 rows; these loops read the operands in place.
///
/// Single-threaded, 16 x 512 x 512 on the AVX-512 benchmark machine: 95 us against OpenBLAS's
/// 106 (`A * B`), 101 against 112 (`A^T * B`), 110 against 164 (`A * B^T`). At 32 rows, or
/// for the second conv layer's 64 x 128 x 576, OpenBLAS is as fast or faster, and on Apple
/// platforms Accelerate was not measured against them, so they stay with the platform.
/// Their multiply-adds are fused where the processor has FMA in the clone that runs (the
/// AVX-512 one), so their last bits, like OpenBLAS's, depend on the processor.
enum SmallProduct {
    /// `C = A * B`, at most `smallSide` rows of C.
    case product
    /// `C = A^T * B` (A stored `[k, m]`), an inner dimension of at most `smallSide`.
    case transposedLeft
    /// `C = A * B^T` (B stored `[n, k]`), at most `smallSide` rows of C: dot products.
    case transposedRight

    /// The small side's largest size.
    static let smallSide = 16

    /// The form that takes this product, nil when the platform BLAS does: `alpha` 1, `beta`
    /// 0 or 1, the small side at most `smallSide`, and the vectorised dimension (the columns
    /// of C, or the inner one for `A * B^T`, where it must also be long enough to repay the
    /// sums across lanes) a multiple of 16.
    init?(_ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float, beta: Float) {
        #if canImport(Accelerate)
        return nil
        #else
        guard alpha == 1, beta == 0 || beta == 1 else { return nil }
        switch (transposeA, transposeB) {
        case (false, false) where m <= Self.smallSide && n % 16 == 0: self = .product
        case (true, false) where k <= Self.smallSide && n % 16 == 0: self = .transposedLeft
        case (false, true) where m <= Self.smallSide && k % 16 == 0 && k >= 256: self = .transposedRight
        default: return nil
        }
        #endif
    }

    /// `C (+)= op(A) * op(B)` in this form, with `GEMM.multiply`'s arguments.
    func multiply(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                  accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int) {
        switch self {
        case .product: ck_small_product(0, m, n, k, a, lda, b, ldb, c, ldc, accumulate ? 1 : 0)
        case .transposedLeft: ck_small_product(1, m, n, k, a, lda, b, ldb, c, ldc, accumulate ? 1 : 0)
        case .transposedRight: ck_small_product_bt(m, n, k, a, lda, b, ldb, c, ldc, accumulate ? 1 : 0)
        }
    }
}
