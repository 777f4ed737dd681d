import Testing
@testable import TensorCore

@Suite struct RandomTests {
    @Test func splitMix64MatchesTheReferenceSequence() {
        // The reference implementation (Vigna's splitmix64.c) from state 0.
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func sameSeedSameSequenceOtherSeedOther() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42), c = SplitMix64(seed: 43)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
    }

    @Test func unitFloatsStayInRange() {
        var generator = SplitMix64(seed: 7)
        let values = (0..<10_000).map { _ in generator.nextUnitFloat() }
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = values.reduce(0, +) / Float(values.count)
        #expect(abs(mean - 0.5) < 0.02, "mean \(mean)")
    }

    @Test func resizeKeepsStorageAtTheSameCount() {
        var tensor = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        tensor.resize(to: [3, 2])
        #expect(tensor.shape == [3, 2] && tensor.scalars == [1, 2, 3, 4, 5, 6])
        tensor.resize(to: [4])
        #expect(tensor.scalars == [0, 0, 0, 0])
    }
}
