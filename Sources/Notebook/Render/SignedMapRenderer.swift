/// A map of signed values (a feature map before ReLU) as characters, one per cell, so that
/// zero is blank and both signs are visible: `+` and `#` for positive values, `-` and `=` for
/// negative ones, the second of each for magnitudes over half the largest. With colour,
/// positive cells are also green and negative ones red.
///
/// Invariant: a cell is blank exactly when |value| < `blankFraction` * max |value| (all blank
/// for an all-zero map).
public enum SignedMapRenderer {
    public static let blankFraction = 0.1
    public static let strongFraction = 0.5

    /// The character for `value` given the map's largest magnitude `largest`.
    static func character(_ value: Double, largest: Double) -> Character {
        guard largest > 0, value.magnitude >= blankFraction * largest else { return " " }
        let strong = value.magnitude > strongFraction * largest
        return value > 0 ? (strong ? "#" : "+") : (strong ? "=" : "-")
    }

    /// The map as `rows.count` lines, each `rows[0].count` characters on screen.
    public static func lines(_ rows: [[Double]], capabilities: TerminalCapabilities) -> [String] {
        let largest = rows.joined().map(\.magnitude).max() ?? 0
        let coloured = capabilities.color != .none
        return rows.map { row in
            row.map { value -> String in
                let character = String(character(value, largest: largest))
                guard coloured, character != " " else { return character }
                return "\u{1B}[\(value > 0 ? "32" : "31")m" + character + "\u{1B}[0m"
            }.joined()
        }
    }

    /// The key to the characters, with the thresholds for a map whose largest magnitude is
    /// `largest`, wrapped to `width`.
    public static func key(largest: Double, width: Int) -> [String] {
        let blank = NumberFormat.decimal(blankFraction * largest, maximumFractionDigits: 2)
        let strong = NumberFormat.decimal(strongFraction * largest, maximumFractionDigits: 2)
        let text = "key: blank = about 0 (|v| < \(blank)), + positive, # over \(strong), - negative, = under -\(strong)"
        return TextLayout.wrap(text, width: width)
    }
}
