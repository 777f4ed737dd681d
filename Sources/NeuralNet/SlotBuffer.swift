/// One optimizer slot (Adam's first or second moment, SGD's velocity) for every element of a
/// list of parameters, in one zero-initialised allocation that never moves, so that disjoint
/// ranges of it can be updated from several threads at once.
///
/// Invariant: `offsets.count == counts.count + 1`, `offsets[0] == 0`, and parameter `i` owns
/// `offsets[i]..<offsets[i + 1]`.
final class SlotBuffer: @unchecked Sendable {
    let offsets: [Int]
    private let storage: UnsafeMutableBufferPointer<Float>

    /// A zero slot for parameters of `counts` elements.
    init(counts: [Int]) {
        var offsets = [0]
        for count in counts { offsets.append(offsets[offsets.count - 1] + count) }
        self.offsets = offsets
        storage = .allocate(capacity: max(1, offsets[offsets.count - 1]))
        storage.initialize(repeating: 0)
    }

    /// A slot holding `arrays`, one per parameter.
    convenience init(_ arrays: [[Float]]) {
        self.init(counts: arrays.map(\.count))
        for (index, array) in arrays.enumerated() {
            array.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { pointer(index).update(from: base, count: source.count) }
            }
        }
    }

    deinit { storage.deallocate() }

    /// Whether this slot was made for parameters of exactly these element counts.
    func fits(counts: [Int]) -> Bool {
        offsets.count == counts.count + 1 && counts.indices.allSatisfy { offsets[$0 + 1] - offsets[$0] == counts[$0] }
    }

    /// The first element of parameter `index`'s part.
    func pointer(_ index: Int) -> UnsafeMutablePointer<Float> { storage.baseAddress! + offsets[index] }

    /// Element `element` of parameter `index`, nil when out of range.
    func value(parameter index: Int, element: Int) -> Float? {
        guard offsets.indices.contains(index + 1), (0..<(offsets[index + 1] - offsets[index])).contains(element) else { return nil }
        return pointer(index)[element]
    }

    /// A copy, one array per parameter.
    var arrays: [[Float]] {
        (0..<(offsets.count - 1)).map { Array(UnsafeBufferPointer(start: pointer($0), count: offsets[$0 + 1] - offsets[$0])) }
    }
}
