/// How Keras and TensorFlow split padding='same' between the two sides, for `dims`.
extension DimsCommand {
    /// "Per side: 0 at the top and left, 1 at the bottom and right (the odd one last)." The total is max((ceil(IN/S) - 1)*S + span - IN, 0), floor(half) before;
    /// empty when no zeros are needed.
    static func sameSplitSentence(input: Int, span: Int, stride: Int) -> String {
        let (before, after) = ConvPadding.sameSplit(input: input, span: span, stride: stride)
        guard before + after > 0 else { return "" }
        let split = "\(before) at the top and left, \(after) at the bottom and right"
        return "Per side: " + split + (before == after ? ".\n" : " (the odd one last).\n")
    }
}
