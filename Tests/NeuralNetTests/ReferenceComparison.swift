import Testing
import TensorCore

/// Records an issue unless `actual` has `expected`'s shape and every element is within
/// `tolerance` (absolute, plus `tolerance` relative to the expected magnitude). The message
/// names what was compared, the shape, the largest difference and the first mismatches.
func expectMatchesReference(_ actual: Tensor, _ expected: Tensor, tolerance: Float, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.shape == expected.shape else {
        Issue.record("\(what): shape \(actual.shape), expected \(expected.shape)",
                     sourceLocation: sourceLocation)
        return
    }
    var largest: Float = 0
    var mismatches: [String] = []
    var mismatchCount = 0
    for index in expected.scalars.indices {
        let want = expected.scalars[index], got = actual.scalars[index]
        let difference = abs(got - want)
        if !(difference <= tolerance * (1 + abs(want))) {
            mismatchCount += 1
            if mismatches.count < 5 {
                mismatches.append("[\(multiIndex(index, shape: expected.shape))] \(got) vs \(want)")
            }
        }
        largest = max(largest, difference.isNaN ? .infinity : difference)
    }
    if mismatchCount > 0 {
        Issue.record("""
            \(what): \(mismatchCount) of \(expected.count) elements differ by more than \
            \(tolerance) (shape \(expected.shape), largest difference \(largest)); \
            first: \(mismatches.joined(separator: ", "))
            """, sourceLocation: sourceLocation)
    }
}

/// The row-major multi-index of flat `index` in `shape`, e.g. "0, 2, 1, 0".
private func multiIndex(_ index: Int, shape: [Int]) -> String {
    var remainder = index
    var indices = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() where shape[axis] > 0 {
        indices[axis] = remainder % shape[axis]
        remainder /= shape[axis]
    }
    return indices.map(String.init).joined(separator: ", ")
}
