import Foundation
import Testing
@testable import TensorCore

/// Random matrices from a fixed seed.
func randomScalars(_ count: Int, seed: UInt64, in range: ClosedRange<Float> = -1...1) -> [Float] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in Float.random(in: range, using: &generator) }
}

/// The largest absolute difference, with the first mismatching index, for failure messages.
func largestDifference(_ a: [Float], _ b: [Float]) -> (difference: Float, index: Int) {
    precondition(a.count == b.count, "comparing \(a.count) with \(b.count) scalars")
    var worst: Float = 0, index = -1
    for i in a.indices where abs(a[i] - b[i]) > worst { worst = abs(a[i] - b[i]); index = i }
    return (worst, index)
}

@Suite struct GEMMTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func blasMatchesNaive(transposeA: Bool, transposeB: Bool) {
        #expect(2 * 130 * 410 * 620 >= GEMM.parallelThreshold)
        // The last two are above GEMM.parallelThreshold: split by rows, then by columns.
        for (m, n, k) in [(1, 1, 1), (7, 5, 3), (33, 17, 65), (64, 10, 512), (301, 47, 129), (33, 517, 513),
                          (410, 130, 620), (130, 410, 620)] {
            // Leading dimensions one wider than needed, to catch ld/shape mix-ups.
            let lda = (transposeA ? m : k) + 1, ldb = (transposeB ? k : n) + 1, ldc = n + 1
            let a = randomScalars((transposeA ? k : m) * lda, seed: 1)
            let b = randomScalars((transposeB ? n : k) * ldb, seed: 2)
            var fast = randomScalars(m * ldc, seed: 3)
            var naive = fast
            GEMM.multiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 0.5,
                          a: a, lda: lda, b: b, ldb: ldb, beta: 0.25, c: &fast, ldc: ldc)
            GEMM.naiveMultiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 0.5,
                               a: a, lda: lda, b: b, ldb: ldb, beta: 0.25, c: &naive, ldc: ldc)
            let (difference, index) = largestDifference(fast, naive)
            #expect(difference < 1e-4 * Float(k), "m=\(m) n=\(n) k=\(k): largest difference \(difference) at \(index): \(fast[max(index, 0)]) vs \(naive[max(index, 0)])")
        }
    }

    /// The unpacked kernels (`ck_small_product`, `ck_small_product_bt`) against the naive
    /// product: full tiles and the rows, columns and dot products left over, C overwritten
    /// and accumulated, leading dimensions wider than the matrices.
    @Test(arguments: [(false, false), (true, false), (false, true)])
    func smallProductsMatchNaive(transposeA: Bool, transposeB: Bool) throws {
        let shapes: [(m: Int, n: Int, k: Int)] = switch (transposeA, transposeB) {
        case (false, false): [(1, 16, 1), (3, 48, 7), (4, 64, 300), (5, 80, 33), (16, 512, 512)]
        case (true, false): [(1, 16, 1), (5, 80, 5), (64, 64, 16), (70, 528, 9), (512, 512, 16)]
        default: [(1, 1, 256), (3, 9, 272), (4, 4, 512), (5, 7, 256), (16, 512, 512)]
        }
        for (m, n, k) in shapes {
            for beta: Float in [0, 1] {
                try #require(SmallProduct(transposeA, transposeB, m: m, n: n, k: k, alpha: 1, beta: beta) != nil,
                             "m=\(m) n=\(n) k=\(k) must take the unpacked path")
                let lda = (transposeA ? m : k) + 3, ldb = (transposeB ? k : n) + 1, ldc = n + 2
                let a = randomScalars((transposeA ? k : m) * lda, seed: 11)
                let b = randomScalars((transposeB ? n : k) * ldb, seed: 12)
                var fast = randomScalars(m * ldc, seed: 13)
                var naive = fast
                GEMM.multiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                              a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: &fast, ldc: ldc)
                GEMM.naiveMultiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                   a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: &naive, ldc: ldc)
                let (difference, index) = largestDifference(fast, naive)
                #expect(difference < 1e-5 * Float(k), "m=\(m) n=\(n) k=\(k) beta=\(beta): largest difference \(difference) at \(index)")
            }
        }
        // Larger on the small side, or a lane count that does not divide: OpenBLAS.
        #expect(SmallProduct(false, false, m: 17, n: 512, k: 512, alpha: 1, beta: 0) == nil)
        #expect(SmallProduct(false, false, m: 16, n: 10, k: 512, alpha: 1, beta: 0) == nil)
        #expect(SmallProduct(false, true, m: 16, n: 576, k: 128, alpha: 1, beta: 0) == nil)
        #expect(SmallProduct(false, false, m: 16, n: 512, k: 512, alpha: 0.5, beta: 0) == nil)
    }

    @Test func naiveComputesAKnownProduct() {
        // [1 2; 3 4] * [5 6; 7 8] = [19 22; 43 50]
        var c = [Float](repeating: 0, count: 4)
        GEMM.naiveMultiply(m: 2, n: 2, k: 2, a: [1, 2, 3, 4], lda: 2, b: [5, 6, 7, 8], ldb: 2, c: &c, ldc: 2)
        #expect(c == [19, 22, 43, 50])
        GEMM.multiply(m: 2, n: 2, k: 2, a: [1, 2, 3, 4], lda: 2, b: [5, 6, 7, 8], ldb: 2, beta: 1, c: &c, ldc: 2)
        #expect(c == [38, 44, 86, 100])
    }
}


@Suite struct BLASKernelTests {
    /// An explicit OPENBLAS_CORETYPE is honoured and said so; otherwise the reason says whose
    /// choice the kernels are.
    @Test func theKernelsAndWhyAreNamed() {
        var c: Float = 0
        var one: Float = 1
        GEMM.multiply(m: 1, n: 1, k: 1, a: &one, lda: 1, b: &one, ldb: 1, c: &c, ldc: 1)
        #expect(c == 1)
        #expect(!BLASKernels.coreName.isEmpty)
        #if !canImport(Accelerate)
        if let pin = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] {
            #expect(BLASKernels.reason == "pinned by OPENBLAS_CORETYPE=\(pin)")
        } else {
            #expect(["OpenBLAS's choice", "OpenBLAS fell back to Prescott; chosen from the CPU flags"].contains(BLASKernels.reason))
            #expect(BLASKernels.coreName != "Prescott" || BLASKernels.reason == "OpenBLAS's choice")
        }
        #endif
    }
}
