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

    /// The products of data-parallel training (a part of 16 examples through the 512 x 512
    /// dense kernel, the convolutions' im2col products), overwritten and accumulated, each
    /// transposition, leading dimensions wider than the matrices.
    @Test(arguments: [(false, false), (true, false), (false, true)])
    func trainingShapesMatchNaive(transposeA: Bool, transposeB: Bool) {
        let shapes: [(m: Int, n: Int, k: Int)] = switch (transposeA, transposeB) {
        case (false, false): [(16, 512, 512), (576, 64, 288), (64, 128, 576), (15, 10, 512)]
        case (true, false): [(512, 512, 16), (288, 64, 576), (576, 128, 64), (70, 528, 9)]
        default: [(16, 512, 512), (576, 288, 64), (64, 576, 128), (5, 7, 256)]
        }
        for (m, n, k) in shapes {
            for beta: Float in [0, 1] {
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
                #expect(difference < 1e-5 * Float(k),
                        "m=\(m) n=\(n) k=\(k) beta=\(beta): largest difference \(difference) at \(index)")
                // The padding columns of C are never written.
                for row in 0..<m { #expect(fast[row * ldc + n..<row * ldc + ldc] == naive[row * ldc + n..<row * ldc + ldc]) }
            }
        }
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


@Suite struct MatrixLibraryTests {
    /// The library is named with its version, and an instruction cap in the environment is
    /// honoured and said so.
    @Test func theLibraryAndItsInstructionsAreNamed() {
        var c: Float = 0
        var one: Float = 1
        GEMM.multiply(m: 1, n: 1, k: 1, a: &one, lda: 1, b: &one, ldb: 1, c: &c, ldc: 1)
        #expect(c == 1)
        #if canImport(Accelerate)
        #expect(MatrixLibrary.summary == "Accelerate")
        #else
        #expect(MatrixLibrary.name.hasPrefix("oneDNN "))
        #expect(MatrixLibrary.instructions.hasPrefix("up to "))
        let environment = ProcessInfo.processInfo.environment
        if let cap = environment["ONEDNN_MAX_CPU_ISA"] {
            #expect(MatrixLibrary.instructions.hasSuffix("(capped by ONEDNN_MAX_CPU_ISA=\(cap))"))
        } else if environment["DNNL_MAX_CPU_ISA"] == nil {
            #expect(MatrixLibrary.instructions.hasSuffix("(its own choice)"))
        }
        #endif
    }
}
