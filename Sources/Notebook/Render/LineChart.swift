/// Curves over epochs drawn in the terminal, with axes, ticks, labels and a legend.
///
/// With Unicode the curves are braille dots (2x4 per character cell); the first series is
/// solid and the others dashed, so they stay apart without colour, and with colour each
/// has its own. In ASCII each series is drawn with its own character (`*`, `o`, `x`, `+`).
/// Epoch `e` of `n` sits at x = (e - 1) / (n - 1) of the plot width; non-finite values
/// (a diverged run) break the curve instead of bending the axis. With `marks` each series
/// is drawn with its own character instead, also in Unicode (run numbers in `plot compare`),
/// the first series last so that where curves cross it stays visible.
public struct LineChart: Sendable {
    /// One curve: a value per epoch, epoch 1 first.
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var series: [Series]
    /// The x axis's title.
    public var xLabel: String
    /// Rows of the plotting area, about: adjusted so the y ticks are evenly spaced.
    public var height: Int
    /// The character of each series, in place of braille dots or the ASCII marks.
    public var marks: [Character]?

    public init(title: String, series: [Series], xLabel: String = "epoch", height: Int = 12) {
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.height = max(4, height)
    }

    static let asciiMarks: [Character] = ["*", "o", "x", "+"]
    static let colors = ["36", "33", "35", "32", "31", "34", "96", "93", "95", "92"]

    /// The chart as lines of text at most `width` characters wide (no newlines).
    public func lines(width: Int, capabilities: TerminalCapabilities) -> [String] {
        let epochs = series.map(\.values.count).max() ?? 0
        let finite = series.flatMap(\.values).filter(\.isFinite)
        guard epochs > 0, let low = finite.min(), let high = finite.max() else {
            return [title, "(nothing to plot yet)"]
        }
        let ticks = AxisTicks(covering: low, high, count: self.height >= 10 ? 5 : 3)
        // Rows so that every tick interval gets the same number of them (about `self.height`).
        let intervals = ticks.values.count - 1
        let height = intervals * max(1, Int((Double(self.height - 1) / Double(intervals)).rounded())) + 1
        let labels = ticks.values.map { ticks.label($0) }
        let labelWidth = labels.map(\.count).max() ?? 1
        let plotWidth = max(10, width - labelWidth - 3 - xLabel.count)
        let unicode = capabilities.unicode
        let braille = unicode && marks == nil
        let seriesMarks = marks ?? Self.asciiMarks
        let cellWidth = braille ? 2 : 1, cellHeight = braille ? 4 : 1
        let dotColumns = plotWidth * cellWidth, dotRows = height * cellHeight
        let domain = Double(max(epochs, 2) - 1)
        let top = ticks.range.upperBound, bottom = ticks.range.lowerBound

        // The canvas: per cell, the braille bits (or character) and which series drew last.
        var bits = [[UInt8]](repeating: [UInt8](repeating: 0, count: plotWidth), count: height)
        var cellMarks = [[Character?]](repeating: [Character?](repeating: nil, count: plotWidth), count: height)
        var owner = [[Int]](repeating: [Int](repeating: -1, count: plotWidth), count: height)
        func point(_ epochIndex: Int, _ value: Double) -> (x: Int, y: Int) {
            let x = Double(epochIndex) / domain * Double(dotColumns - 1)
            // A value far outside the ticks (1e308 beside 0.5) is drawn at the edge: the line
            // towards it is clipped there rather than walked dot by dot for billions of rows.
            let y = min(Double(dotRows), max(-1, (top - value) / (top - bottom) * Double(dotRows - 1)))
            return (Int(x.rounded()), Int(y.isNaN ? -1 : y.rounded()))
        }
        // With marks (runs compared) the first series is drawn last, on top: it is the reference.
        let order = self.marks == nil ? Array(series.enumerated()) : Array(series.enumerated().reversed())
        for (seriesIndex, curve) in order {
            var dotCount = 0
            func plot(_ x: Int, _ y: Int) {
                defer { dotCount += 1 }
                if braille && seriesIndex > 0 && (dotCount / 3) % 2 == 1 { return }
                let row = y / cellHeight, column = x / cellWidth
                guard row >= 0, row < height, column >= 0, column < plotWidth else { return }
                if braille {
                    bits[row][column] |= Self.brailleBit(x: x % 2, y: y % 4)
                } else {
                    let mark = seriesMarks[seriesIndex % seriesMarks.count]
                    cellMarks[row][column] = mark
                }
                owner[row][column] = seriesIndex
            }
            var previous: (x: Int, y: Int)?
            for (index, value) in curve.values.enumerated() {
                guard value.isFinite else { previous = nil; continue }
                let current = point(index, value)
                if let start = previous {
                    let steps = max(abs(current.x - start.x), abs(current.y - start.y), 1)
                    for step in 1...steps {
                        let t = Double(step) / Double(steps)
                        plot(Int((Double(start.x) + t * Double(current.x - start.x)).rounded()),
                             Int((Double(start.y) + t * Double(current.y - start.y)).rounded()))
                    }
                } else {
                    plot(current.x, current.y)
                }
                previous = current
            }
        }

        // Tick rows on the y axis, tick columns on the x axis.
        var labelAtRow: [Int: String] = [:]
        for (value, label) in zip(ticks.values, labels) {
            labelAtRow[Int(((top - value) / (top - bottom) * Double(height - 1)).rounded())] = label
        }
        let epochTicks = AxisTicks.epochs(epochs, maximumCount: max(2, plotWidth / 6))
        let tickColumns = epochTicks.map { point($0 - 1, bottom).x / cellWidth }

        let color = capabilities.color != .none
        var output = [title]
        for row in 0..<height {
            let label = labelAtRow[row] ?? ""
            var line = String(repeating: " ", count: labelWidth - label.count) + label + " "
            line += labelAtRow[row] == nil ? (unicode ? "│" : "|") : (unicode ? "┤" : "+")
            for column in 0..<plotWidth {
                let glyph: String
                if braille {
                    glyph = bits[row][column] == 0 ? " " : String(Character(Unicode.Scalar(0x2800 + UInt32(bits[row][column]))!))
                } else {
                    glyph = cellMarks[row][column].map(String.init) ?? " "
                }
                let seriesIndex = owner[row][column]
                line += color && seriesIndex >= 0 && glyph != " "
                    ? "\u{1B}[\(Self.colors[seriesIndex % Self.colors.count])m\(glyph)\u{1B}[0m" : glyph
            }
            output.append(trimmed(line))
        }
        var axis = Array(repeating: unicode ? "─" : "-", count: plotWidth)
        // The corner marks epoch 1's position already; a tick beside it would read as a double corner.
        for column in tickColumns where column > 0 && column < plotWidth { axis[column] = unicode ? "┬" : "+" }
        output.append(String(repeating: " ", count: labelWidth + 1) + (unicode ? "└" : "+") + axis.joined() + " " + xLabel)

        var tickLabels = [Character](repeating: " ", count: width)
        var nextFree = 0
        for (epoch, column) in zip(epochTicks, tickColumns) {
            let text = Array(String(epoch))
            let start = labelWidth + 2 + column - (text.count - 1) / 2
            guard start >= nextFree, start + text.count <= tickLabels.count else { continue }
            for (offset, character) in text.enumerated() { tickLabels[start + offset] = character }
            nextFree = start + text.count + 1
        }
        output.append(trimmed(String(tickLabels)))

        // The legend: entries three spaces apart, on as many lines as the width needs.
        let indent = String(repeating: " ", count: labelWidth + 2)
        var legendLine = "", legendWidth = 0
        for (index, curve) in series.enumerated() {
            let sample: String
            if braille {
                sample = index == 0 ? "⠒⠒⠒" : "⠒ ⠒"
            } else {
                sample = String(repeating: String(seriesMarks[index % seriesMarks.count]), count: 3)
            }
            let shown = color ? "\u{1B}[\(Self.colors[index % Self.colors.count])m\(sample)\u{1B}[0m" : sample
            let entryWidth = sample.count + 1 + curve.name.count
            if legendWidth > 0 && indent.count + legendWidth + 3 + entryWidth > width {
                output.append(indent + legendLine)
                legendLine = ""
                legendWidth = 0
            }
            legendLine += (legendWidth > 0 ? "   " : "") + shown + " " + curve.name
            legendWidth += (legendWidth > 0 ? 3 : 0) + entryWidth
        }
        output.append(indent + legendLine)
        return output
    }

    /// The braille dot bit for dot column `x` (0-1) and dot row `y` (0-3) of a cell.
    static func brailleBit(x: Int, y: Int) -> UInt8 {
        let left: [UInt8] = [0x01, 0x02, 0x04, 0x40], right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
        return x == 0 ? left[y] : right[y]
    }

    private func trimmed(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}
