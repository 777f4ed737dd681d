import NeuralNet

/// What `explain` prints for a dense unit.
extension DenseCell {
    /// How many terms of the weighted sum are listed.
    static let termsListed = 8

    /// The largest terms of the weighted sum, the rest summed, the bias, the pre-activation,
    /// the activation (softmax over all units when the layer has it) and the engine's value.
    /// `origin` describes input `i` (where a Flatten took it from), when known.
    func lines(inputName: String, origin: (Int) -> String?, width: Int) -> [String] {
        let f = { (value: Double) in SignificantDigits.format(value) }
        var lines = TextLayout.wrap("Input: \(inputName), \(terms.count) values. Unit \(unit + 1) computes "
            + "x1*w1 + ... + x\(terms.count)*w\(terms.count) + bias; its \(min(Self.termsListed, terms.count)) "
            + "largest terms (|x*w|):", width: width)
        let listed = largestTerms(Self.termsListed)
        let rows = listed.map { term -> [String] in
            ["x\(term.index + 1)", f(term.input), f(term.weight), SignificantDigits.signed(term.product), origin(term.index) ?? ""]
        }
        lines += SoftmaxSteps.table(header: ["input", "x", "w", "x*w", origin(0) == nil ? "" : "taken from"], rows: rows)
        let rest = terms.count - listed.count
        var ledger: [(label: String, value: String)] = []
        if rest > 0 {
            let listedIndices = Set(listed.map(\.index))
            let others = terms.filter { !listedIndices.contains($0.index) }.reduce(0) { $0 + $1.product }
            ledger.append(("the other \(rest) terms together", SignificantDigits.signed(others)))
        }
        ledger += [("sum of all \(terms.count) terms", f(total)), ("+ bias", f(bias)), ("= pre-activation", f(preActivation))]
        switch layer.activation {
        case .linear:
            break
        case .relu:
            let clipped = preActivation < 0 ? " (negative: clipped to 0)" : " (positive: kept)"
            ledger.append(("ReLU: max(0, \(f(preActivation)))", f(activation) + clipped))
        case .softmax:
            let steps = SoftmaxSteps(scores: logits)
            ledger.append(("softmax: exp(\(f(preActivation)) - \(f(steps.largest))) / \(f(steps.sum))", f(activation)))
        }
        lines += CellText.ledger(ledger)
        if layer.activation == .softmax {
            lines += TextLayout.wrap("(the largest of the \(logits.count) units' pre-activations is \(f(SoftmaxSteps(scores: logits).largest)); "
                + "the sum is of exp(each minus it), as 'softmax' shows step by step)", width: width)
        }
        lines += TextLayout.wrap("The engine computed \(f(engineValue)) for this unit.", width: width)
        return lines
    }
}
