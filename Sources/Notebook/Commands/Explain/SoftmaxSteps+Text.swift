import Foundation

/// The text of `softmax` and of the scores part of `predict`.
extension SoftmaxSteps {
    /// The full walk-through for `softmax V1 V2 ...`: the shift and why, a table of score,
    /// shifted score, exp and p, the sum, and with `label` the loss.
    func walkThrough(label: Int?, width: Int) -> [String] {
        let f = { (value: Double) in SignificantDigits.format(value) }
        let shift = f(largest)
        var lines = TextLayout.wrap("1. Subtract the largest score, \(shift), from every score before exp: "
            + "exp of a large score overflows (a Float holds at most about 3.4e38, so exp(89) is "
            + "already infinite). Shifted, the largest exp is exp(0) = 1, and the shift cancels "
            + "when each exp is divided by the sum.", width: width)
        let rows = scores.indices.map { index in
            [String(index), f(scores[index]), f(scores[index] - largest), f(exponentials[index]), f(probabilities[index])]
        }
        let table = Self.table(header: ["class", "score", "score - \(shift)", "exp(score - \(shift))", "p = exp / sum"], rows: rows)
        if table.allSatisfy({ $0.count <= width }) {
            lines += table
        } else {  // a narrow terminal: short headings, explained
            lines.append("  (s is the score, p = exp / sum)")
            lines += Self.table(header: ["class", "s", "s - \(shift)", "exp(s - \(shift))", "p"], rows: rows)
        }
        let terms = exponentials.count <= 6 ? exponentials.map(f).joined(separator: " + ") + " = " : ""
        lines += TextLayout.wrap("2. Sum of the exps: \(terms)\(f(sum)).", width: width)
        lines += TextLayout.wrap("3. Divide each exp by the sum: the probabilities, which add up to 1 "
            + "(their order is the scores' order; the largest score gets the largest p).", width: width)
        if let label {
            let value = probabilities[label] > 0
                ? "-ln \(f(probabilities[label]))"
                : "ln(sum) - (score - largest) (p[\(label)] is too small for a Double: written as logs)"
            lines += TextLayout.wrap("Loss for label \(label) (labels from 0): -ln p[\(label)] = "
                + "\(value) = \(f(loss(label: label))) (sparse categorical "
                + "cross-entropy; 0 when p[\(label)] = 1, ln \(scores.count) = \(f(Foundation.log(Double(scores.count)))) "
                + "when all \(scores.count) are equally likely).", width: width)
        }
        return lines
    }

    /// The compact part of `predict`: one line per class with its score (logit), exp and p,
    /// and with `truth` the loss.
    func classLines(classNames: [String], truth: Int?, width: Int) -> [String] {
        let f = { (value: Double) in SignificantDigits.format(value) }
        var lines = TextLayout.wrap("The last layer's \(scores.count) scores (logits) and their softmax, "
            + "p = exp(score - \(f(largest))) / \(f(sum)):", width: width)
        let rows = scores.indices.map { index in
            let name = classNames.indices.contains(index) ? classNames[index] : "class \(index)"
            return ["\(index) \(name)", f(scores[index]), f(exponentials[index]), f(probabilities[index])]
        }
        lines += Self.table(header: ["class", "score", "exp(score - \(f(largest)))", "p"], rows: rows)
        if let truth, scores.indices.contains(truth) {
            lines.append("loss for the true class \(truth): -ln \(f(probabilities[truth])) = \(f(loss(label: truth)))")
        }
        return lines
    }

    /// Columns under `header`, two spaces apart, indented by two: the first `textColumns`
    /// left-aligned, the rest (numbers) right-aligned so their points roughly line up.
    static func table(header: [String], rows: [[String]], textColumns: Int = 1) -> [String] {
        let widths = header.indices.map { column in
            ([header[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        return ([header] + rows).map { cells in
            var line = "  " + cells.indices.map { column in
                column < textColumns ? TextLayout.padRight(cells[column], widths[column])
                                     : TextLayout.padLeft(cells[column], widths[column])
            }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
