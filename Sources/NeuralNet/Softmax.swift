#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The softmax of a vector, computed stably (the maximum is subtracted before `exp`).
public enum Softmax {
    /// Replaces `count` logits at `row` with their softmax probabilities.
    public static func normalize(_ row: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        var largest = row[0]
        for index in 1..<count { largest = max(largest, row[index]) }
        var sum: Float = 0
        for index in 0..<count {
            let e = expf(row[index] - largest)
            row[index] = e
            sum += e
        }
        let scale = 1 / sum
        for index in 0..<count { row[index] *= scale }
    }
}
