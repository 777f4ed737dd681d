#include "CKernels.h"
#include "Vectors.h"

// Matrix products with a small side (a part of 16 examples in data-parallel training), without
// packing. OpenBLAS copies both operands into blocks on every call; when one side is a batch
// of 16 rows and the other a 512 x 512 kernel, copying the kernel costs a large share of the
// product, and each core of a data-parallel step copies it again. These loops read the
// operands where they are, holding a tile of C in 16 vector registers.
//
// Multiply-adds are fused where the clone that runs has FMA (AVX-512), as OpenBLAS's are.
// Row-major throughout; "element (r, p) of op(A)" is at a + r * rowStride + p * innerStride,
// which covers A ([m, k], strides lda and 1) and A transposed ([k, m], strides 1 and lda).

/// C[R rows, V vectors of 16] (+)= op(A)[R rows, k] * B[k, 16 V], for R <= 4 and V <= 4
/// (constants after inlining, so the tile stays in registers).
CK_INLINE void ck_rows_tile(ptrdiff_t R, ptrdiff_t V, ptrdiff_t k, const float *a, ptrdiff_t rowStride,
                            ptrdiff_t innerStride, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
                            int accumulate) {
    ck_v16 acc[4][4];
    for (ptrdiff_t r = 0; r < R; r++)
        for (ptrdiff_t v = 0; v < V; v++)
            acc[r][v] = accumulate ? ck_load(c + r * ldc + v * CK_LANES) : (ck_v16){0};
    for (ptrdiff_t p = 0; p < k; p++) {
        ck_v16 row[4];
        for (ptrdiff_t v = 0; v < V; v++) row[v] = ck_load(b + p * ldb + v * CK_LANES);
        for (ptrdiff_t r = 0; r < R; r++) {
            ck_v16 x = ck_splat(a[r * rowStride + p * innerStride]);
            for (ptrdiff_t v = 0; v < V; v++) acc[r][v] += x * row[v];
        }
    }
    for (ptrdiff_t r = 0; r < R; r++)
        for (ptrdiff_t v = 0; v < V; v++) ck_store(c + r * ldc + v * CK_LANES, acc[r][v]);
}

/// Every tile of C [m, n] (n a multiple of 16): 4 x 64, then the rows and columns left over.
CK_INLINE void ck_rows_product(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t rowStride,
                               ptrdiff_t innerStride, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
                               int accumulate) {
    ptrdiff_t r = 0;
    for (; r + 4 <= m; r += 4) {
        const float *ar = a + r * rowStride;
        float *cr = c + r * ldc;
        ptrdiff_t j = 0;
        for (; j + 64 <= n; j += 64) ck_rows_tile(4, 4, k, ar, rowStride, innerStride, b + j, ldb, cr + j, ldc, accumulate);
        for (; j < n; j += 16) ck_rows_tile(4, 1, k, ar, rowStride, innerStride, b + j, ldb, cr + j, ldc, accumulate);
    }
    for (; r < m; r++) {
        const float *ar = a + r * rowStride;
        float *cr = c + r * ldc;
        ptrdiff_t j = 0;
        for (; j + 64 <= n; j += 64) ck_rows_tile(1, 4, k, ar, rowStride, innerStride, b + j, ldb, cr + j, ldc, accumulate);
        for (; j < n; j += 16) ck_rows_tile(1, 1, k, ar, rowStride, innerStride, b + j, ldb, cr + j, ldc, accumulate);
    }
}

CK_CLONES
void ck_small_product(int transposeA, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t lda,
                      const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, int accumulate) {
    if (transposeA) ck_rows_product(m, n, k, a, 1, lda, b, ldb, c, ldc, accumulate);
    else ck_rows_product(m, n, k, a, lda, 1, b, ldb, c, ldc, accumulate);
}

/// The sum of a vector's 16 lanes.
CK_INLINE float ck_lane_sum(ck_v16 v) {
    ck_v4 quarter = (ck_v4){v[0], v[1], v[2], v[3]} + (ck_v4){v[4], v[5], v[6], v[7]}
                  + (ck_v4){v[8], v[9], v[10], v[11]} + (ck_v4){v[12], v[13], v[14], v[15]};
    return (quarter[0] + quarter[1]) + (quarter[2] + quarter[3]);
}

/// C[R rows, S columns] (+)= A[R rows, k] * B[S rows, k]^T, for R, S <= 4: R * S dot
/// products over k (a multiple of 16), in vectors, summed across the lanes at the end.
CK_INLINE void ck_dots_tile(ptrdiff_t R, ptrdiff_t S, ptrdiff_t k, const float *a, ptrdiff_t lda,
                            const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, int accumulate) {
    ck_v16 acc[4][4];
    for (ptrdiff_t r = 0; r < R; r++)
        for (ptrdiff_t s = 0; s < S; s++) acc[r][s] = (ck_v16){0};
    for (ptrdiff_t p = 0; p < k; p += CK_LANES) {
        ck_v16 left[4], right[4];
        for (ptrdiff_t r = 0; r < R; r++) left[r] = ck_load(a + r * lda + p);
        for (ptrdiff_t s = 0; s < S; s++) right[s] = ck_load(b + s * ldb + p);
        for (ptrdiff_t r = 0; r < R; r++)
            for (ptrdiff_t s = 0; s < S; s++) acc[r][s] += left[r] * right[s];
    }
    for (ptrdiff_t r = 0; r < R; r++)
        for (ptrdiff_t s = 0; s < S; s++) {
            float sum = ck_lane_sum(acc[r][s]);
            c[r * ldc + s] = accumulate ? c[r * ldc + s] + sum : sum;
        }
}

CK_CLONES
void ck_small_product_bt(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t lda,
                         const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, int accumulate) {
    ptrdiff_t r = 0;
    for (; r + 4 <= m; r += 4) {
        ptrdiff_t s = 0;
        for (; s + 4 <= n; s += 4) ck_dots_tile(4, 4, k, a + r * lda, lda, b + s * ldb, ldb, c + r * ldc + s, ldc, accumulate);
        for (; s < n; s++) ck_dots_tile(4, 1, k, a + r * lda, lda, b + s * ldb, ldb, c + r * ldc + s, ldc, accumulate);
    }
    for (; r < m; r++) {
        ptrdiff_t s = 0;
        for (; s + 4 <= n; s += 4) ck_dots_tile(1, 4, k, a + r * lda, lda, b + s * ldb, ldb, c + r * ldc + s, ldc, accumulate);
        for (; s < n; s++) ck_dots_tile(1, 1, k, a + r * lda, lda, b + s * ldb, ldb, c + r * ldc + s, ldc, accumulate);
    }
}
