import Testing
@testable import Notebook

@Suite struct ProgressBarTests {
    let bar = ProgressBar(total: 1875)

    /// The middle line has 45 characters of ETA and metrics, so its bar shrinks to 23 to fit 80.
    @Test func startMiddleAndEndInASCII() {
        #expect(bar.line(completed: 0, elapsed: 0, capabilities: .plain)
                == "   0/1875 [..............................]")
        #expect(bar.line(completed: 432, elapsed: 3, metrics: [("loss", 0.64021), ("accuracy", 0.77123)], capabilities: .plain)
                == " 432/1875 [====>..................] - ETA: 10s - loss: 0.6402 - accuracy: 0.7712")
        #expect(bar.line(completed: 1875, elapsed: 12.4, metrics: [("loss", 0.5203)], capabilities: .plain)
                == "1875/1875 [==============================] - 12s 7ms/step - loss: 0.5203")
    }

    @Test func shrinksToFitTheWidth() {
        let metrics: [(name: String, value: Double)] = [("loss", 0.5), ("accuracy", 0.8), ("val_loss", 0.4), ("val_accuracy", 0.85)]
        let line = bar.line(completed: 100, elapsed: 1, metrics: Array(metrics.prefix(2)), capabilities: .plain)
        #expect(line.count <= 80, "\(line.count): \(line)")
        var narrow = TerminalCapabilities.plain
        narrow.width = 25
        let cramped = bar.line(completed: 100, elapsed: 1, capabilities: narrow)
        #expect(cramped.contains("[" + String(repeating: ".", count: 10) + "]"), "the bar stops shrinking at 10: \(cramped)")
        // Metrics that do not fit beside the narrowest bar are left out, the last first, so a
        // line redrawn with '\r' stays on one row.
        let crowded = bar.line(completed: 100, elapsed: 1, metrics: metrics, capabilities: .plain)
        #expect(crowded.count <= 80 && crowded.hasSuffix(" - loss: 0.5000 - accuracy: 0.8000"), "\(crowded)")
        narrow.width = 40
        #expect(bar.line(completed: 100, elapsed: 1, metrics: metrics, capabilities: narrow).count <= 40)
    }

    @Test func unicodeBar() {
        let unicode = TerminalCapabilities(isInteractive: true, color: .none, unicode: true, width: 80)
        #expect(ProgressBar(total: 10, barWidth: 10).line(completed: 5, elapsed: 1, capabilities: unicode)
                == " 5/10 [━━━━━─────] - ETA: 1s")
    }

    @Test func durationsAndRates() {
        #expect(ProgressBar.duration(62) == "1:02")
        #expect(ProgressBar.duration(3723) == "1:02:03")
        #expect(ProgressBar.duration(.infinity) == "?")
        #expect(ProgressBar.rate(0.000085, unit: "step") == "85us/step")
        #expect(ProgressBar.rate(2, unit: "step") == "2s/step")
        #expect(ProgressBar.metric(0.00001234) == "1.2340e-05")
        #expect(ProgressBar.metric(.nan) == "nan")
    }
}
