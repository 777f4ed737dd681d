import NeuralNet

/// What `plot compare` draws: the validation curve of every run on one shared axis, one
/// chart per metric, each curve labelled by its run.
///
/// A run's curve starts at its first epoch (later than 1 when it went on training an already
/// trained model); runs without validation metrics are left out.
enum RunComparison {
    /// The runs' validation curves of `metric`: values per model epoch, NaN before a run's first.
    static func series(_ runs: TrainingRuns, metric: TrainingCurves.Metric) -> [LineChart.Series] {
        runs.runs.compactMap { run in
            let values = metric == .loss ? run.history.validationLoss : run.history.validationAccuracy
            guard !values.isEmpty else { return nil }
            return LineChart.Series(name: run.label,
                                    values: [Double](repeating: .nan, count: run.firstEpoch - 1) + values)
        }
    }

    /// The chart's title for `metric`.
    static func title(_ metric: TrainingCurves.Metric) -> String { "val_\(metric.rawValue) of every run" }

    /// The mark of the `index`th curve in the terminal: its run's number (1-9), then letters.
    static func mark(_ number: Int) -> Character {
        let symbols = Array("123456789abcdefghijklmnopqrstuvwxyz")
        return number >= 1 && number <= symbols.count ? symbols[number - 1] : "#"
    }

    /// The terminal charts of `metrics`, curves drawn with their run's number.
    static func lines(_ runs: TrainingRuns, metrics: [TrainingCurves.Metric],
                      capabilities: TerminalCapabilities) -> [String] {
        let plotted = runs.runs.filter { !$0.history.validationLoss.isEmpty }
        var output: [String] = []
        for metric in metrics {
            if !output.isEmpty { output.append("") }
            var chart = LineChart(title: title(metric), series: series(runs, metric: metric), height: 14)
            chart.marks = plotted.map { mark($0.number) }
            output += chart.lines(width: min(capabilities.width, 100), capabilities: capabilities)
        }
        return output
    }

    /// The charts of `metrics` as one SVG document: a panel per metric, every run a colour.
    static func svg(_ runs: TrainingRuns, metrics: [TrainingCurves.Metric], title: String) -> String {
        let panels = metrics.map { metric in
            TrainingCurvesSVG.Panel(title: Self.title(metric), yLabel: "val_\(metric.rawValue)",
                                    series: series(runs, metric: metric))
        }
        return TrainingCurvesSVG(title: title, panels: panels, style: .distinct).document()
    }
}
