/// The zeros around the demo's image, per side: Keras's 'same' can put fewer at the top and
/// left than at the bottom and right, so one number for all sides is not enough.
///
/// Invariant: every side is >= 0.
struct ConvPadding: Equatable {
    var top = 0
    var bottom = 0
    var left = 0
    var right = 0

    static let none = ConvPadding()

    /// `count` zeros on every side.
    static func uniform(_ count: Int) -> ConvPadding {
        ConvPadding(top: count, bottom: count, left: count, right: count)
    }

    /// Keras's and TensorFlow's 'same' for an image of `rows` x `columns` and a kernel spanning
    /// `spanRows` x `spanColumns` cells (dilation included): along each axis the output is
    /// ceil(IN / S), which takes max((ceil(IN/S) - 1)*S + span - IN, 0) zeros in all, the
    /// smaller half before (top, left) and the rest after (bottom, right).
    static func same(rows: Int, columns: Int, spanRows: Int, spanColumns: Int, stride: Int) -> ConvPadding {
        let vertical = sameSplit(input: rows, span: spanRows, stride: stride)
        let horizontal = sameSplit(input: columns, span: spanColumns, stride: stride)
        return ConvPadding(top: vertical.before, bottom: vertical.after, left: horizontal.before, right: horizontal.after)
    }

    /// Along one axis: max((ceil(IN/S) - 1)*S + span - IN, 0) zeros, floor(half) before.
    static func sameSplit(input: Int, span: Int, stride: Int) -> (before: Int, after: Int) {
        let total = ConvolutionArithmetic.samePaddingTotal(input: input, span: span, stride: stride)
        return (total / 2, total - total / 2)
    }

    var isZero: Bool { self == .none }
    var isUniform: Bool { top == bottom && bottom == left && left == right }
}
