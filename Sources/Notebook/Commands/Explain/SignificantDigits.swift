import Foundation

/// Numbers written with a fixed count of significant digits, as `explain` and `softmax`
/// print them: 4 digits by default, trailing zeros kept (0.5 -> "0.5000"), so every number
/// carries the same precision; exact zero is "0".
///
/// Examples: 0.00803393 -> "0.008034", -12.3456 -> "-12.35", 1234.6 -> "1235",
/// 0.0000002 -> "2.000e-07".
enum SignificantDigits {
    static func format(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        guard value != 0 else { return "0" }
        var text = String(format: "%#.\(max(1, digits))g", value)
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func format(_ value: Float, digits: Int = 4) -> String {
        format(Double(value), digits: digits)
    }

    /// `value` with an explicit sign: "+0.1234", "-0.1234" (a term being added).
    static func signed(_ value: Double, digits: Int = 4) -> String {
        let text = format(value, digits: digits)
        return text.hasPrefix("-") ? text : "+" + text
    }
}
