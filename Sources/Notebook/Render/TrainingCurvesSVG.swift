import Foundation

/// Training curves as a standalone SVG document: a title, then one panel per metric side by
/// side (loss, accuracy), each with a frame, grid, y ticks, epoch ticks, axis titles, the
/// curves with a marker per epoch, and a legend under it.
///
/// Every piece of text goes through `XMLEscaping`, so titles and series names of any content
/// give well-formed XML. Non-finite values break a curve. Numbers use "." as the decimal
/// point whatever the locale.
public struct TrainingCurvesSVG: Sendable {
    /// One chart: a metric's curves over epochs.
    public struct Panel: Sendable {
        public var title: String
        public var yLabel: String
        public var series: [LineChart.Series]
        public init(title: String, yLabel: String, series: [LineChart.Series]) {
            self.title = title
            self.yLabel = yLabel
            self.series = series
        }
    }

    /// How the curves of a panel are told apart.
    public enum Style: Sendable {
        /// Training and validation: the first curve solid, the others dashed.
        case trainingAndValidation
        /// Many comparable curves (runs): each its own colour, all solid (dashed after ten).
        case distinct
    }

    public var title: String
    public var panels: [Panel]
    public var style: Style

    public init(title: String, panels: [Panel], style: Style = .trainingAndValidation) {
        self.title = title
        self.panels = panels
        self.style = style
    }

    /// Colours of the first, second, ... series: matplotlib's ten ("tab10"), in its order.
    static let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    static let panelWidth = 480.0, baseHeight = 400.0, legendRowHeight = 20.0
    static let plotLeft = 70.0, plotTop = 70.0, plotWidth = 380.0, plotHeight = 230.0

    /// The whole document, starting with the XML declaration.
    public func document() -> String {
        let width = Self.panelWidth * Double(max(1, panels.count))
        let legendRows = panels.map { legendLayout($0.series).rows }.max() ?? 1
        let height = Self.baseHeight + Double(max(0, legendRows - 1)) * Self.legendRowHeight
        var svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
        viewBox="0 0 \(n(width)) \(n(height))" font-family="Helvetica, Arial, sans-serif">
        <title>\(XMLEscaping.escape(title))</title>
        <rect width="100%" height="100%" fill="#ffffff"/>
        <text x="\(n(width / 2))" y="30" font-size="18" font-weight="bold" text-anchor="middle">\(XMLEscaping.escape(title))</text>

        """
        for (index, panel) in panels.enumerated() {
            svg += self.panel(panel, offset: Double(index) * Self.panelWidth)
        }
        return svg + "</svg>\n"
    }

    private func panel(_ panel: Panel, offset: Double) -> String {
        let left = offset + Self.plotLeft, top = Self.plotTop
        let right = left + Self.plotWidth, bottom = top + Self.plotHeight
        let epochs = panel.series.map(\.values.count).max() ?? 0
        let finite = panel.series.flatMap(\.values).filter(\.isFinite)
        let ticks = AxisTicks(covering: finite.min() ?? 0, finite.max() ?? 1, count: 5)
        let domain = Double(max(epochs, 2) - 1)
        // The first and last epoch sit a little inside the frame, so their markers show whole.
        let inset = Self.plotWidth * 0.03
        func x(_ epochIndex: Int) -> Double { left + inset + Double(epochIndex) / domain * (Self.plotWidth - 2 * inset) }
        func y(_ value: Double) -> Double {
            bottom - (value - ticks.range.lowerBound) / (ticks.range.upperBound - ticks.range.lowerBound) * Self.plotHeight
        }

        var svg = "<g>\n"
        svg += "<text x=\"\(n((left + right) / 2))\" y=\"\(n(top - 14))\" font-size=\"15\" text-anchor=\"middle\">\(XMLEscaping.escape(panel.title))</text>\n"
        for value in ticks.values {
            svg += "<line x1=\"\(n(left))\" y1=\"\(n(y(value)))\" x2=\"\(n(right))\" y2=\"\(n(y(value)))\" stroke=\"#e0e0e0\" stroke-width=\"1\"/>\n"
            svg += "<text x=\"\(n(left - 8))\" y=\"\(n(y(value) + 4))\" font-size=\"11\" text-anchor=\"end\">\(ticks.label(value))</text>\n"
        }
        for epoch in AxisTicks.epochs(max(epochs, 1), maximumCount: 12) {
            let position = x(epoch - 1)
            svg += "<line x1=\"\(n(position))\" y1=\"\(n(bottom))\" x2=\"\(n(position))\" y2=\"\(n(bottom + 5))\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
            svg += "<text x=\"\(n(position))\" y=\"\(n(bottom + 19))\" font-size=\"11\" text-anchor=\"middle\">\(epoch)</text>\n"
        }
        svg += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(Self.plotWidth))\" height=\"\(n(Self.plotHeight))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        svg += "<text x=\"\(n((left + right) / 2))\" y=\"\(n(bottom + 38))\" font-size=\"12\" text-anchor=\"middle\">epoch</text>\n"
        svg += "<text transform=\"translate(\(n(offset + 18)) \(n((top + bottom) / 2))) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">\(XMLEscaping.escape(panel.yLabel))</text>\n"

        for (index, curve) in panel.series.enumerated() {
            let (color, dash) = stroke(index)
            var segment: [String] = []
            var markers = ""
            func flush() {
                if segment.count > 1 {
                    svg += "<polyline points=\"\(segment.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
                }
                segment = []
            }
            for (epochIndex, value) in curve.values.enumerated() {
                guard value.isFinite else { flush(); continue }
                segment.append("\(n(x(epochIndex))),\(n(y(value)))")
                markers += "<circle cx=\"\(n(x(epochIndex)))\" cy=\"\(n(y(value)))\" r=\"3\" fill=\"\(color)\"/>\n"
            }
            flush()
            svg += markers
        }

        let layout = legendLayout(panel.series)
        for (index, curve) in panel.series.enumerated() {
            let (color, dash) = stroke(index)
            let legendY = bottom + 62 + Double(layout.places[index].row) * Self.legendRowHeight
            let start = left + layout.places[index].x
            svg += "<line x1=\"\(n(start))\" y1=\"\(n(legendY - 4))\" x2=\"\(n(start + 28))\" y2=\"\(n(legendY - 4))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
            svg += "<circle cx=\"\(n(start + 14))\" cy=\"\(n(legendY - 4))\" r=\"3\" fill=\"\(color)\"/>\n"
            svg += "<text x=\"\(n(start + 36))\" y=\"\(n(legendY))\" font-size=\"12\">\(XMLEscaping.escape(curve.name))</text>\n"
        }
        return svg + "</g>\n"
    }

    /// The colour and dash attribute of the `index`th curve.
    private func stroke(_ index: Int) -> (color: String, dash: String) {
        let color = Self.colors[index % Self.colors.count]
        let dashed = style == .distinct ? index >= Self.colors.count : index > 0
        return (color, dashed ? " stroke-dasharray=\"6 4\"" : "")
    }

    /// Where each legend entry goes: its row and its x from the plot's left edge. Training and
    /// validation share the width equally on one row; distinct curves go in a grid, row by
    /// row, its columns as wide as the longest name (about 7 units a character at size 12).
    private func legendLayout(_ series: [LineChart.Series]) -> (places: [(row: Int, x: Double)], rows: Int) {
        guard style == .distinct else {
            let width = Self.plotWidth / Double(max(1, series.count))
            return (series.indices.map { (0, Double($0) * width + 10) }, 1)
        }
        let columnWidth = 36 + 7 * Double(series.map(\.name.count).max() ?? 0) + 18
        let columns = max(1, Int((Self.panelWidth - Self.plotLeft) / columnWidth))
        let places = series.indices.map { (row: $0 / columns, x: 10 + Double($0 % columns) * columnWidth) }
        return (places, max(1, (series.count + columns - 1) / columns))
    }

    /// A coordinate with at most two decimals, "." as the decimal point.
    private func n(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded.magnitude < 1e15, rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.2f", rounded)
    }
}
