/// The matrices of `conv image` and `conv kernel`: one per channel, each a bracketed
/// `[ROWS]` word (or, for a kernel, a name such as `sobel-x`); words without brackets
/// (`1 0; 0 1`) are joined into one matrix, as before channels existed.
enum ConvMatrixList {
    /// One matrix per channel, with the kernel's name when a name was given. Fails on more
    /// than `ConvDemoState.maximumChannels` matrices, on unknown names (when `names` is
    /// false every letter word is unknown) and on channels of different shapes.
    static func parse(_ words: [String], what: String, names: Bool) throws -> [(matrix: ConvMatrix, name: NamedKernel?)] {
        guard !words.isEmpty else { return [] }
        let separate = words.allSatisfy { $0.hasPrefix("[") || $0.first?.isLetter == true }
        let groups = separate ? words : [words.joined(separator: " ")]
        guard groups.count <= ConvDemoState.maximumChannels else {
            throw CommandError("\(what): \(groups.count) matrices; at most \(ConvDemoState.maximumChannels) channels fit the demo")
        }
        let channelWord = { (index: Int) in groups.count > 1 ? "\(what) channel \(index + 1)" : what }
        var result: [(matrix: ConvMatrix, name: NamedKernel?)] = []
        for (index, word) in groups.enumerated() {
            if !names, word.first?.isLetter == true {
                throw CommandError("no \(what) named '\(CommandError.quoted(word))' (give [ROWS])")
            }
            result.append(try NamedKernel.matrix(parsing: word, what: channelWord(index)))
            if let first = result.first?.matrix, let last = result.last?.matrix,
               (first.rowCount, first.columnCount) != (last.rowCount, last.columnCount) {
                throw CommandError("\(channelWord(index)) is \(last.rowCount)x\(last.columnCount), channel 1"
                    + " \(first.rowCount)x\(first.columnCount): channels need the same shape")
            }
        }
        return result
    }
}
