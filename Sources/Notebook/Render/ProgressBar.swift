import Foundation

/// A Keras-style progress line, for training epochs and downloads:
///
///     432/1875 [======>.......................] - ETA: 9s - loss: 0.6402 - accuracy: 0.7712
///    1875/1875 [==============================] - 12s 6ms/step - loss: 0.5203 - accuracy: 0.8107
///
/// While running it shows the ETA; once `completed == total`, the elapsed time and the time
/// per step, as Keras 2 does. With Unicode the bar is `━` (coloured when colour is on);
/// otherwise `=`, `>` and `.`. The bar shrinks (down to 10 characters) so the line fits the
/// console width, and when that is not enough the last metrics are left out: a line redrawn
/// with `\r` must stay on one row. Pure: the caller writes the line (with `\r` on a terminal).
public struct ProgressBar: Sendable {
    /// The number of steps in the whole run (at least 1).
    public var total: Int
    /// The bar's width in characters, before shrinking to fit.
    public var barWidth: Int
    /// What one step is called in the rate ("step" gives "6ms/step").
    public var unit: String

    public init(total: Int, barWidth: Int = 30, unit: String = "step") {
        self.total = max(1, total)
        self.barWidth = max(Self.narrowestBar, barWidth)
        self.unit = unit
    }

    /// The line after `completed` steps and `elapsed` seconds, followed by `metrics`
    /// (each " - name: value", four decimals as Keras prints them).
    public func line(completed: Int, elapsed: Double, metrics: [(name: String, value: Double)] = [],
                     capabilities: TerminalCapabilities) -> String {
        let done = min(max(0, completed), total)
        let totalText = String(total)
        let counter = String(repeating: " ", count: max(0, totalText.count - String(done).count)) + "\(done)/\(totalText)"
        var tail = ""
        if done == total {
            tail = " - " + Self.duration(elapsed) + " " + Self.rate(elapsed / Double(total), unit: unit)
        } else if done > 0 {
            tail = " - ETA: " + Self.duration(elapsed / Double(done) * Double(total - done))
        }
        // The metrics that fit beside the narrowest bar, in order.
        for metric in metrics {
            let item = " - \(metric.name): \(Self.metric(metric.value))"
            guard counter.count + 3 + Self.narrowestBar + tail.count + item.count <= capabilities.width else { break }
            tail += item
        }
        let room = capabilities.width - counter.count - 3 - tail.count
        let width = max(Self.narrowestBar, min(barWidth, room))
        return counter + " " + bar(done: done, width: width, capabilities: capabilities) + tail
    }

    /// The fewest characters between the brackets.
    static let narrowestBar = 10

    /// The bracketed bar, `width` characters between the brackets.
    func bar(done: Int, width: Int, capabilities: TerminalCapabilities) -> String {
        let filled = done * width / total
        if capabilities.unicode {
            let left = String(repeating: "━", count: filled)
            let right = String(repeating: capabilities.color == .none ? "─" : "━", count: width - filled)
            if capabilities.color == .none { return "[" + left + right + "]" }
            return "[\u{1B}[32m" + left + "\u{1B}[0m\u{1B}[2m" + right + "\u{1B}[0m]"
        }
        if filled == width { return "[" + String(repeating: "=", count: width) + "]" }
        let head = filled > 0 ? ">" : ""
        let body = String(repeating: "=", count: max(0, filled - 1)) + head
        return "[" + body + String(repeating: ".", count: width - body.count) + "]"
    }

    /// Seconds as Keras shows them: "9s", "1:02", "1:02:03".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e15 else { return "?" }
        let whole = Int(seconds.rounded())
        if whole >= 3600 { return String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60) }
        if whole >= 60 { return String(format: "%d:%02d", whole / 60, whole % 60) }
        return "\(whole)s"
    }

    /// Time per unit: "2s/step", "6ms/step", "85us/step".
    public static func rate(_ seconds: Double, unit: String) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e15 else { return "?/\(unit)" }
        if seconds >= 1 { return "\(Int(seconds.rounded()))s/\(unit)" }
        if seconds >= 1e-3 { return "\(Int((seconds * 1e3).rounded()))ms/\(unit)" }
        return "\(Int((seconds * 1e6).rounded()))us/\(unit)"
    }

    /// A metric as Keras prints it: four decimals, or scientific notation when tiny.
    public static func metric(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        if value != 0 && abs(value) < 1e-3 { return String(format: "%.4e", value) }
        return String(format: "%.4f", value)
    }
}
