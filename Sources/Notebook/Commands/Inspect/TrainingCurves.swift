import NeuralNet

/// The charts `plot` draws from a model's `TrainingHistory`: loss and accuracy, each with its
/// training curve and, when the model was validated, its validation curve.
enum TrainingCurves {
    /// The two metrics a history holds.
    enum Metric: String, CaseIterable {
        case loss, accuracy

        /// The chart's title.
        var title: String { "Training and validation \(rawValue)" }

        /// The curves: Keras's names, `loss` and `val_loss` (or the accuracies).
        func series(of history: TrainingHistory) -> [LineChart.Series] {
            let (training, validation) = self == .loss
                ? (history.loss, history.validationLoss)
                : (history.accuracy, history.validationAccuracy)
            var series = [LineChart.Series(name: "\(rawValue) (training)", values: training)]
            if !validation.isEmpty { series.append(.init(name: "val_\(rawValue) (validation)", values: validation)) }
            return series
        }
    }

    /// The terminal charts of `metrics`, one under the other, for a console `capabilities.width` wide.
    static func lines(_ history: TrainingHistory, metrics: [Metric], capabilities: TerminalCapabilities) -> [String] {
        var output: [String] = []
        for metric in metrics {
            if !output.isEmpty { output.append("") }
            let chart = LineChart(title: metric.title, series: metric.series(of: history), height: 12)
            output += chart.lines(width: min(capabilities.width, 100), capabilities: capabilities)
        }
        return output
    }

    /// Both panels (loss, accuracy) as an SVG document titled `title`.
    static func svg(_ history: TrainingHistory, title: String) -> String {
        let panels = Metric.allCases.map { metric in
            TrainingCurvesSVG.Panel(title: metric.title, yLabel: metric.rawValue, series: metric.series(of: history))
        }
        return TrainingCurvesSVG(title: title, panels: panels).document()
    }
}
