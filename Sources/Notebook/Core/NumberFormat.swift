/// How numbers are written in convbook's output: stable, locale-independent text.
public enum NumberFormat {
    /// `value` with a comma every three digits: 18496 -> "18,496", -1234567 -> "-1,234,567".
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// `value` with at most `maximumFractionDigits` decimals and no trailing zeros:
    /// 3 -> "3", 0.5 -> "0.5", 1/9 -> "0.111", -0.0 -> "0". Rounds half away from zero.
    public static func decimal(_ value: Double, maximumFractionDigits: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<maximumFractionDigits { scale *= 10 }
        let rounded = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard rounded.magnitude < 9.0e15 else { return "\(value)" }
        let scaled = Int(rounded)
        let whole = String(scaled.magnitude / UInt(scale))
        var fraction = String(scaled.magnitude % UInt(scale))
        fraction = String(repeating: "0", count: maximumFractionDigits - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = scaled < 0 ? "-" : ""
        return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// `numerator / denominator` as an exact decimal when it has at most `maximumFractionDigits`
    /// decimals (25/2 -> "12.5"), else rounded with a leading "~" (10/3 -> "~3.333").
    public static func quotient(_ numerator: Int, _ denominator: Int, maximumFractionDigits: Int = 3) -> String {
        precondition(denominator > 0, "quotient needs a positive denominator, got \(denominator)")
        var scaledRemainder = numerator % denominator
        var digits = 0
        while scaledRemainder != 0, digits < maximumFractionDigits {
            scaledRemainder = (scaledRemainder * 10) % denominator
            digits += 1
        }
        let text = decimal(Double(numerator) / Double(denominator), maximumFractionDigits: maximumFractionDigits)
        return scaledRemainder == 0 ? text : "~" + text
    }
}
