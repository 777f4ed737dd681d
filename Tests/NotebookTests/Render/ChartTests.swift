import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Notebook

@Suite struct ChartTests {
    static let loss = LineChart.Series(name: "loss", values: [0.61, 0.42, 0.37, 0.33, 0.31])
    static let validationLoss = LineChart.Series(name: "val_loss", values: [0.45, 0.40, 0.36, 0.35, 0.34])

    @Test func niceTicks() {
        let ticks = AxisTicks(covering: 0.23, 0.61, count: 5)
        #expect(ticks.step == 0.1)
        #expect(ticks.values.map { ticks.label($0) } == ["0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
        let flat = AxisTicks(covering: 0.5, 0.5)
        #expect(flat.range.contains(0.5) && flat.range.lowerBound < 0.5)
        #expect(AxisTicks(covering: .nan, 1).range == 0...1)
        // 0.664...0.812 rounds to a step of 0.02 (8 intervals, too many for 5): 0.05 instead.
        let crowded = AxisTicks(covering: 0.664, 0.812, count: 5)
        #expect(crowded.step == 0.05 && crowded.values.count == 5, "\(crowded.values)")
        #expect(AxisTicks.epochs(10) == Array(1...10))
        #expect(AxisTicks.epochs(1) == [1])
        #expect(AxisTicks.epochs(30) == [1, 5, 10, 15, 20, 25, 30])
    }

    @Test func asciiChartHasAxesTicksAndLegend() {
        let chart = LineChart(title: "loss", series: [Self.loss, Self.validationLoss], height: 10)
        let lines = chart.lines(width: 60, capabilities: .plain)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines.joined(separator: "\n"))")
        #expect(lines[0] == "loss")
        // Ticks every 0.05 from 0.65 down to 0.30, one row apart (7 intervals in about 10 rows).
        let labels = lines[1...8].map { String($0.prefix(6)) }
        #expect(labels == ["0.65 +", "0.60 +", "0.55 +", "0.50 +", "0.45 +", "0.40 +", "0.35 +", "0.30 +"])
        #expect(lines[9].hasPrefix("     +-") && lines[9].filter { $0 == "+" }.count == 5 && lines[9].hasSuffix("+ epoch"))
        #expect(lines[10].hasPrefix("      1") && lines[10].hasSuffix("5"))
        #expect(lines[11] == "      *** loss   ooo val_loss")
        // Epoch 1: loss 0.61 on the 0.60 row, val_loss 0.45 on the 0.45 row; epoch 5 (0.31) at the end of 0.30.
        #expect(lines[2].hasPrefix("0.60 +*"))
        #expect(lines[5].hasPrefix("0.45 +o"))
        #expect(lines[8].hasSuffix("*"))
    }

    @Test func brailleChartInUnicode() {
        let unicode = TerminalCapabilities(isInteractive: true, color: .none, unicode: true, width: 80)
        let lines = LineChart(title: "loss", series: [Self.loss, Self.validationLoss]).lines(width: 70, capabilities: unicode)
        let braille = lines.joined().unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }
        #expect(braille.count > 50)
        #expect(lines.contains { $0.contains("└") && $0.contains("┬") })
        #expect(lines.last!.contains("⠒⠒⠒ loss") && lines.last!.contains("⠒ ⠒ val_loss"))
    }

    @Test func nonFiniteValuesAndEmptyHistories() {
        let broken = LineChart.Series(name: "loss", values: [0.5, .nan, 0.3])
        let lines = LineChart(title: "loss", series: [broken]).lines(width: 60, capabilities: .plain)
        #expect(lines.count > 5)
        #expect(LineChart(title: "loss", series: []).lines(width: 60, capabilities: .plain).last == "(nothing to plot yet)")
    }

    @Test func xmlEscaping() {
        #expect(XMLEscaping.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
        #expect(XMLEscaping.escape("bell\u{7}esc\u{1B}nul\u{0}\u{FFFE}") == "bell\u{FFFD}esc\u{FFFD}nul\u{FFFD}\u{FFFD}")
        #expect(XMLEscaping.escape("tab\tnew\nline é 😀") == "tab\tnew\nline é 😀")
    }

    /// Collects the text of every <text> and <title> element and counts elements by name.
    final class Collector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var counts: [String: Int] = [:]
        var current: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            counts[name, default: 0] += 1
            if name == "text" || name == "title" { current = "" }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if let text = current, name == "text" || name == "title" { texts.append(text); current = nil }
        }
    }

    @Test func svgIsWellFormedWhateverTheNames() throws {
        let hostile = "</text><script>alert(1)</script> & \"q\" 'a' ]]> <!-- \u{0}\u{1B}[31m é"
        let panels = [
            TrainingCurvesSVG.Panel(title: "loss " + hostile, yLabel: "loss", series: [
                Self.loss, LineChart.Series(name: hostile, values: [0.45, .infinity, 0.36, 0.35, 0.34]),
            ]),
            TrainingCurvesSVG.Panel(title: "accuracy", yLabel: "accuracy", series: [
                .init(name: "accuracy", values: [0.78, 0.85, 0.87, 0.88, 0.89]),
                .init(name: "val_accuracy", values: [0.83, 0.85, 0.86, 0.87, 0.875]),
            ]),
        ]
        let document = TrainingCurvesSVG(title: hostile, panels: panels).document()
        let collector = Collector()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(document)")
        #expect(collector.counts["script"] == nil)
        let expected = "</text><script>alert(1)</script> & \"q\" 'a' ]]> <!-- \u{FFFD}\u{FFFD}[31m é"
        #expect(collector.texts.filter { $0 == expected }.count == 3, "title, heading and legend: \(collector.texts)")
        #expect(collector.texts.contains("loss " + expected))
        // Four curves: the broken one in two pieces, one of which is a single point (no line).
        #expect(collector.counts["polyline"] == 4, "\(collector.counts)")
        #expect(collector.counts["circle"] == 5 + 4 + 5 + 5 + 4, "a marker per finite value and legend entry")
        #expect(collector.texts.contains("epoch") && collector.texts.contains("10") == false)
    }
}
