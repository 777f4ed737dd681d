/// Counts of (true class, predicted class) pairs, and their two tables: the confusion matrix
/// and the accuracy of each class.
///
/// Invariant: `counts.count == classNames.count * classNames.count`; `counts[t * k + p]` is the
/// number of images of class `t` predicted as class `p` (rows true, columns predicted).
public struct ConfusionMatrix: Sendable, Equatable {
    public let classNames: [String]
    public private(set) var counts: [Int]

    /// An empty matrix over `classNames` (at least one class).
    public init(classNames: [String]) {
        precondition(!classNames.isEmpty, "ConfusionMatrix: no classes")
        self.classNames = classNames
        self.counts = [Int](repeating: 0, count: classNames.count * classNames.count)
    }

    /// The matrix of `trueLabels` against `predictedLabels` (same count, each below the class count).
    public init<Labels: Sequence, Predictions: Sequence>(classNames: [String], trueLabels: Labels, predictedLabels: Predictions)
    where Labels.Element: BinaryInteger, Predictions.Element: BinaryInteger {
        self.init(classNames: classNames)
        for (truth, prediction) in zip(trueLabels, predictedLabels) {
            record(trueLabel: Int(truth), predicted: Int(prediction))
        }
    }

    public var classCount: Int { classNames.count }

    /// Counts one image of class `trueLabel` predicted as `predicted`.
    public mutating func record(trueLabel: Int, predicted: Int) {
        precondition((0..<classCount).contains(trueLabel) && (0..<classCount).contains(predicted),
                     "ConfusionMatrix: labels \(trueLabel), \(predicted) outside 0..<\(classCount)")
        counts[trueLabel * classCount + predicted] += 1
    }

    public func count(trueLabel: Int, predicted: Int) -> Int { counts[trueLabel * classCount + predicted] }

    /// Images of class `label`.
    public func total(of label: Int) -> Int { (0..<classCount).reduce(0) { $0 + count(trueLabel: label, predicted: $1) } }

    /// Images of class `label` predicted correctly.
    public func correct(of label: Int) -> Int { count(trueLabel: label, predicted: label) }

    public var total: Int { counts.reduce(0, +) }
    public var correct: Int { (0..<classCount).reduce(0) { $0 + correct(of: $1) } }

    /// The fraction of images predicted correctly (0 when empty).
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// The fraction of class `label` predicted correctly, or nil if it has no images.
    public func accuracy(of label: Int) -> Double? {
        let total = total(of: label)
        return total == 0 ? nil : Double(correct(of: label)) / Double(total)
    }

    /// The class `label` is most often mistaken for, with how often, or nil if never wrong.
    public func commonestMistake(of label: Int) -> (label: Int, count: Int)? {
        let others = (0..<classCount).filter { $0 != label }.map { ($0, count(trueLabel: label, predicted: $0)) }
        guard let worst = others.max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }), worst.1 > 0 else { return nil }
        return worst
    }

    /// The matrix as lines: a header of predicted-class numbers, then a row per true class
    /// ("3 Dress" and its counts). With colour the diagonal (the correct ones) is bold.
    public func matrixLines(capabilities: TerminalCapabilities) -> [String] {
        let cellWidth = max(String(counts.max() ?? 0).count, String(classCount - 1).count) + 1
        let names = classNames.enumerated().map { "\($0.offset) \($0.element)" }
        let nameWidth = names.map(\.count).max() ?? 0
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var lines = ["confusion matrix: rows are the true class, columns the predicted class"]
        lines.append(String(repeating: " ", count: nameWidth + 1)
                     + (0..<classCount).map { pad(String($0), cellWidth) }.joined())
        for truth in 0..<classCount {
            var line = names[truth] + String(repeating: " ", count: nameWidth - names[truth].count + 1)
            for predicted in 0..<classCount {
                let cell = pad(String(count(trueLabel: truth, predicted: predicted)), cellWidth)
                line += truth == predicted && capabilities.color != .none ? "\u{1B}[1m\(cell)\u{1B}[0m" : cell
            }
            lines.append(line)
        }
        return lines
    }

    /// Per-class accuracy: class, correct/total, accuracy, and what it is most often taken for.
    public func perClassLines(capabilities: TerminalCapabilities) -> [String] {
        let rows = (0..<classCount).map { label -> [String] in
            let accuracy = self.accuracy(of: label).map { NumberGrid.format(Float($0), decimals: 3) } ?? "-"
            let mistake = commonestMistake(of: label).map { "\(classNames[$0.label]) (\($0.count))" } ?? ""
            return [classNames[label], "\(correct(of: label))/\(total(of: label))", accuracy, mistake]
        }
        let table = TextTable(columns: [.init("class"), .init("correct", .right), .init("accuracy", .right),
                                        .init("most often taken for")],
                              rows: rows,
                              footer: [["all", "\(correct)/\(total)", NumberGrid.format(Float(accuracy), decimals: 3), ""]])
        return table.lines(capabilities: capabilities)
    }
}
