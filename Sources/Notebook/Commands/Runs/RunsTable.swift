import Foundation

/// The table `runs` prints, one row per run:
///
///     run          params  optimizer   epochs  seed   loss  val_loss  val_acc  time
///     ---------------------------------------------------------------------------
///     1 baseline  360,458  adam 0.001       2     1  0.512     0.431   0.8421  9.8s
///
/// The run's number and name share the first column. The metrics are the last epoch's.
/// Names longer than fit are cut with `~` and given in full under the table, so the table
/// stays within the console's width.
enum RunsTable {
    static func lines(_ runs: TrainingRuns, capabilities: TerminalCapabilities) -> [String] {
        let columns: [TextTable.Column] = [
            .init("run"), .init("params", .right), .init("optimizer"),
            .init("epochs", .right), .init("seed", .right), .init("loss", .right), .init("val_loss", .right),
            .init("val_acc", .right), .init("time", .right),
        ]
        var rows = runs.runs.map(cells)
        // Cut names so the table fits: the other columns' widths, two spaces between columns.
        let others = columns.indices.dropFirst().map { index in
            ([columns[index].title] + rows.map { $0[index] }).map(\.count).max() ?? 0
        }
        let room = max(8, capabilities.width - others.reduce(0, +) - 2 * (columns.count - 1))
        var cut: [TrainingRun] = []
        for (index, run) in runs.runs.enumerated() where rows[index][0].count > room {
            rows[index][0] = String(rows[index][0].prefix(room - 1)) + "~"
            cut.append(run)
        }
        var output = TextTable(columns: columns, rows: rows).lines(capabilities: capabilities)
        for run in cut { output += TextLayout.wrap("run \(run.number): \(run.name ?? "")", width: capabilities.width) }
        let notes = runs.runs.compactMap { run -> String? in
            guard let ending = run.ending else { return nil }
            return "run \(run.number) \(ending == "diverged" ? "diverged" : "was stopped with Ctrl-C")"
                + " after \(run.epochs) complete epoch\(run.epochs == 1 ? "" : "s")"
        }
        if !notes.isEmpty { output += TextLayout.wrap(notes.joined(separator: "; ") + ".", width: capabilities.width) }
        if let continued = runs.runs.first(where: { $0.firstEpoch > 1 }) {
            let before = continued.firstEpoch - 1, more = continued.epochs
            output += TextLayout.wrap("epochs \(before)+\(more): \(more) more epoch\(more == 1 ? "" : "s") for a model "
                                      + "already trained for \(before) ('plot compare' draws the curve from epoch "
                                      + "\(before + 1)).", width: capabilities.width)
        }
        return output
    }

    /// One run's cells, in the order of the columns.
    static func cells(_ run: TrainingRun) -> [String] {
        let last = { (values: [Double], decimals: Int) -> String in
            guard let value = values.last else { return "-" }
            return value.isFinite ? String(format: "%.\(decimals)f", value) : (value.isNaN ? "nan" : "inf")
        }
        let epochs = run.firstEpoch == 1 ? "\(run.epochs)" : "\(run.firstEpoch - 1)+\(run.epochs)"
        return [
            run.name.map { "\(run.number) \($0)" } ?? "\(run.number)", NumberFormat.grouped(run.parameters),
            "\(run.optimizer) \(NumberFormat.decimal(run.learningRate, maximumFractionDigits: 6))",
            epochs, "\(run.seed)", last(run.history.loss, 3), last(run.history.validationLoss, 3),
            last(run.history.validationAccuracy, 4), duration(run.seconds),
        ]
    }

    /// "9.8s", "1m05s", "2h03m".
    static func duration(_ seconds: Double) -> String {
        if seconds < 59.95 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }
}
