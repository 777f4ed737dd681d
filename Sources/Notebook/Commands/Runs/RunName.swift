import Foundation

/// The `name=` of a run: what `runs` and `plot compare` call it.
enum RunName {
    /// The longest name accepted.
    static let maximumLength = 40

    /// `text` checked: nil stays nil; otherwise one line of printable characters, trimmed,
    /// not empty, at most `maximumLength` characters.
    static func parse(_ text: String?) throws -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw CommandError("name= needs a name, e.g. name=baseline") }
        guard trimmed.count <= maximumLength else {
            throw CommandError("a run's name has at most \(maximumLength) characters, got \(trimmed.count)")
        }
        guard trimmed.unicodeScalars.allSatisfy({ !$0.properties.generalCategory.isControlOrFormat }) else {
            throw CommandError("a run's name must be printable characters")
        }
        return trimmed
    }
}

private extension Unicode.GeneralCategory {
    var isControlOrFormat: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse: true
        default: false
        }
    }
}
