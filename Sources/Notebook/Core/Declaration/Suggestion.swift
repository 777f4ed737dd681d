/// "Did you mean": the closest of a set of words to a mistyped one.
public enum Suggestion {
    /// The word of `candidates` within edit distance 2 of `word` (case-insensitive), nearest
    /// first; nil when none is that close or `word` is too long to be a typo of one.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        guard lowered.count <= 24, !lowered.isEmpty else { return nil }
        let scored = candidates.map { ($0, editDistance(lowered, $0.lowercased())) }
            .filter { $0.1 <= min(2, max(1, $0.0.count / 2)) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// " (did you mean 'X'?)" for `closest(to:among:)` (X shown through `format`), or
    /// `otherwise` when no candidate is close. The one wording of every suggestion.
    static func clause(for word: String, among candidates: [String], format: (String) -> String = { $0 },
                       otherwise: String = "") -> String {
        closest(to: word, among: candidates).map { " (did you mean '\(format($0))'?)" } ?? otherwise
    }

    /// The Levenshtein distance between `a` and `b` (insertions, deletions, substitutions).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
