/// A CommonMark code fence line: up to 3 spaces, then 3 or more backticks or tildes, then
/// an optional info string whose first word is the tag.
struct Fence {
    let character: Character
    let length: Int
    let tag: String
    /// The info string's words after the tag, lowercased (`setup` in "convbook setup").
    let options: [String]

    var marker: String { String(repeating: character, count: length) }

    init?(_ line: String) {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let run = rest.prefix { $0 == first }.count
        guard run >= 3 else { return nil }
        let info = rest.dropFirst(run).trimmingCharacters(in: .whitespaces)
        if first == "`" && info.contains("`") { return nil }
        character = first
        length = run
        let words = info.split(separator: " ").map { $0.lowercased() }
        tag = words.first ?? ""
        options = Array(words.dropFirst())
    }

    /// Whether `line` closes this fence: the same character, at least as long, nothing after.
    func isClosed(by line: String) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let run = rest.prefix { $0 == character }.count
        return run >= length && rest.dropFirst(run).trimmingCharacters(in: .whitespaces).isEmpty
    }
}
