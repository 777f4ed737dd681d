import Foundation

/// "Nice" axis ticks (multiples of 1, 2 or 5 times a power of ten) for charts.
public struct AxisTicks: Sendable, Equatable {
    /// The tick values, increasing; the first is at or below the data, the last at or above.
    public let values: [Double]
    /// The distance between ticks.
    public let step: Double

    /// Ticks covering `low...high` with about `count` intervals (at least 1).
    /// An empty range is widened around its value; non-finite bounds give ticks 0...1.
    public init(covering low: Double, _ high: Double, count: Int = 5) {
        var low = low, high = high
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        // Beyond 1e300 the spans and steps below would overflow to infinity.
        (low, high) = (min(1e300, max(-1e300, low)), min(1e300, max(-1e300, high)))
        if low > high { swap(&low, &high) }
        if high - low < 1e-12 {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - pad, high + pad)
        }
        let rough = (high - low) / Double(max(1, count))
        let magnitude = pow(10, floor(log10(rough)))
        let fraction = rough / magnitude
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10  // Heckbert's rounding
        var step = nice * magnitude
        var first = floor(low / step + 1e-9) * step
        var last = ceil(high / step - 1e-9) * step
        // Rounding down can give far more intervals than asked for: then take the next nice step.
        if (last - first) / step > Double(count + 2) + 1e-9 {
            step *= nice == 2 ? 2.5 : 2
            first = floor(low / step + 1e-9) * step
            last = ceil(high / step - 1e-9) * step
        }
        let intervals = max(1, Int(((last - first) / step).rounded()))
        self.step = step
        self.values = (0...intervals).map { first + Double($0) * step }
    }

    /// Integer ticks 1...`epochs` for an epoch axis: every epoch up to 10, else a nice step.
    public static func epochs(_ epochs: Int, maximumCount: Int = 10) -> [Int] {
        guard epochs > 1 else { return [1] }
        let steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
        let step = steps.first { (epochs - 1) / $0 + 1 <= maximumCount } ?? (epochs / maximumCount + 1)
        var ticks = stride(from: step == 1 ? 1 : step, through: epochs, by: step).map { $0 }
        if step > 1 { ticks.insert(1, at: 0) }
        return ticks
    }

    /// The lowest and highest tick.
    public var range: ClosedRange<Double> { values[0]...values[values.count - 1] }

    /// `value` with as many decimals as the step needs (0.05 -> 2 decimals, 5 -> none).
    public func label(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if value.magnitude >= 1e7 || (value != 0 && step < 1e-7) { return String(format: "%.3g", value) }
        let decimals = max(0, Int(ceil(-log10(step) - 1e-9)))
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
