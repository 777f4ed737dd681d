/// The arithmetic of one spatial dimension of a convolution: output size, the rows a kernel
/// visits, parameter counts. Shared by `dims`, `params` and `conv demo`.
///
/// Sizes follow Keras: output = floor((input + 2*padding - effectiveKernel) / stride) + 1 with
/// effectiveKernel = dilation * (kernel - 1) + 1; 'same' padding gives ceil(input / stride).
enum ConvolutionArithmetic {
    /// The span a dilated kernel covers: dilation * (kernel - 1) + 1.
    static func effectiveKernel(_ kernel: Int, dilation: Int) -> Int {
        dilation * (kernel - 1) + 1
    }

    /// How many positions the kernel takes along one dimension, or nil when the effective
    /// kernel is larger than the padded input (no position at all).
    static func outputSize(input: Int, kernel: Int, stride: Int, padding: Int = 0, dilation: Int = 1) -> Int? {
        precondition(input > 0 && kernel > 0 && stride > 0 && padding >= 0 && dilation > 0,
                     "outputSize needs positive sizes, got input \(input) kernel \(kernel) stride \(stride) padding \(padding) dilation \(dilation)")
        let span = input + 2 * padding - effectiveKernel(kernel, dilation: dilation)
        return span < 0 ? nil : span / stride + 1
    }

    /// Keras's 'same' padding: ceil(input / stride), whatever the kernel.
    static func sameOutputSize(input: Int, stride: Int) -> Int {
        (input + stride - 1) / stride
    }

    /// The zeros Keras and TensorFlow add for padding='same' along one axis, in all:
    /// max((ceil(IN/S) - 1)*S + span - IN, 0). For 28, K 3, S 2: 1 (`ConvPadding.sameSplit`
    /// puts it after).
    static func samePaddingTotal(input: Int, span: Int, stride: Int) -> Int {
        max((sameOutputSize(input: input, stride: stride) - 1) * stride + span - input, 0)
    }

    /// The 0-based input indices (padding excluded) that no kernel tap ever touches, found by
    /// marking every tap: window i covers i*stride + j*dilation (padded coordinates), j < kernel.
    /// Nil when that would take more than `budget` steps.
    static func unvisited(input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int,
                          budget: Int = 4_000_000) -> [Int]? {
        guard let outputs = outputSize(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation),
              outputs.multipliedReportingOverflow(by: kernel).partialValue <= budget, input <= budget
        else { return nil }
        var visited = [Bool](repeating: false, count: input + 2 * padding)
        for window in 0..<outputs {
            for tap in 0..<kernel { visited[window * stride + tap * dilation] = true }
        }
        return (0..<input).filter { !visited[$0 + padding] }
    }

    /// 0-based indices as 1-based ranges: [26, 27] -> "27-28"; at most `limit` ranges are named.
    static func describe(_ indices: [Int], limit: Int = 6) -> String {
        var ranges: [ClosedRange<Int>] = []
        for index in indices {
            if let last = ranges.last, last.upperBound + 1 == index {
                ranges[ranges.count - 1] = last.lowerBound...index
            } else {
                ranges.append(index...index)
            }
        }
        let named = ranges.prefix(limit).map { $0.count == 1 ? "\($0.lowerBound + 1)" : "\($0.lowerBound + 1)-\($0.upperBound + 1)" }
        let rest = ranges.count > limit ? ", ... (\(NumberFormat.grouped(indices.count)) in all)" : ""
        return named.joined(separator: ", ") + rest
    }

    /// The product of `factors`, or a `CommandError` if it does not fit in 64 bits.
    static func product(_ factors: Int...) throws -> Int {
        try factors.reduce(1) { partial, factor in
            let (result, overflow) = partial.multipliedReportingOverflow(by: factor)
            guard !overflow else { throw CommandError("the count is too large to compute (over 2^63)") }
            return result
        }
    }

    /// `a + b`, or a `CommandError` if it does not fit in 64 bits.
    static func sum(_ a: Int, _ b: Int) throws -> Int {
        let (result, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw CommandError("the count is too large to compute (over 2^63)") }
        return result
    }
}
