import Foundation
import Testing

/// What lessons 4 and 5 say about the forward pass, checked against what they printed.
extension LessonOutputChecks {
    /// The lines of `output` with runs of spaces collapsed.
    static func collapsedLines(_ output: String) -> [String] {
        output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    }

    /// The number after `label` on every line that starts with it.
    static func values(after label: String, in output: String) -> [Double] {
        collapsedLines(output).filter { $0.hasPrefix(label + " ") }
            .compactMap { Double($0.dropFirst(label.count + 1).split(separator: " ").first ?? "") }
    }

    /// Lesson 4: ReLU with numbers (the explained cell: sum + bias = pre-activation, clipped
    /// or kept), softmax of 2, 1, 0.1 with the loss 1.417, convbook's summary headed "sequential" without an input row (the prose says so),
    /// predict's logits and loss, the tutorial's own save line.
    static func checkForwardPassStatements(_ output: String) {
        let sums = values(after: "sum of products", in: output), biases = values(after: "+ bias", in: output)
        let pre = values(after: "= pre-activation", in: output)
        #expect(sums.count == 1 && biases.count == 1 && pre.count == 1, "lesson 4 explains one conv cell")
        if let sum = sums.first, let bias = biases.first, let z = pre.first {
            #expect(abs(sum + bias - z) <= 1e-3 * max(1, abs(z)), "\(sum) + \(bias) != \(z)")
            let relu = collapsedLines(output).first { $0.hasPrefix("ReLU: max(0, ") } ?? ""
            #expect(relu.hasSuffix(z < 0 ? "0 (negative: clipped to 0)" : "(positive: kept)"), "\(relu)")
        }
        for part in ["0.6590", "0.2424", "-ln 0.2424 = 1.417", "Model: \"sequential\"", "loss for the true class 9: -ln",
                     "The last layer's 10 scores (logits)"] {
            #expect(output.contains(part), "lesson 4 should print \(part)")
        }
        #expect(!output.contains("InputLayer (InputLayer)") && !output.contains("| input_layer"),
                "the prose says convbook's summary has no input row")
    }

    /// Lesson 5: the background cell is its bias alone (window sum 0, pre-activation = bias),
    /// and a filter with a positive bias lights it; the sole's strongest cell is positive;
    /// a third-layer cell sees 15x15 pixels.
    static func checkWhatTheNetworkLearnedStatements(_ output: String) {
        let sums = values(after: "sum of products", in: output), biases = values(after: "+ bias", in: output)
        let pre = values(after: "= pre-activation", in: output)
        #expect(sums.count == 2 && biases.count == 2 && pre.count == 2, "lesson 5 explains two first-layer cells")
        guard sums.count == 2, biases.count == 2, pre.count == 2 else { return }
        #expect(sums[0] == 0 && pre[0] == biases[0], "the black corner: the sum is 0 and the cell is its bias")
        #expect(pre[0] > 0, "the prose says some maps light up in the background: the strongest corner cell is \(pre[0])")
        #expect(pre[1] > pre[0], "the sole's strongest cell (\(pre[1])) should beat the background (\(pre[0]))")
        #expect(output.replacingOccurrences(of: "\n", with: " ").contains("rows 1-15, columns 9-23: 15x15 pixels"),
                "receptive 3 1 2: a 15x15 region")
    }
}
