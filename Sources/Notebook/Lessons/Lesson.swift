/// One lesson: a Markdown file `lessons/NN-kebab-title.md` read as prose and cells.
///
/// The file is never modified by the program. Its first line is `# Title`; prose paragraphs
/// alternate with cells (fenced blocks tagged `convbook` or `check`). Invariant: `cells` is
/// not empty, and every cell carries the prose written between it and the cell before it.
public struct Lesson: Sendable, Equatable {
    /// The `NN` of the file name, 1 or more.
    public let number: Int
    /// The text of the `# Title` heading.
    public let title: String
    /// The file's name, e.g. "01-convolution.md".
    public let fileName: String
    /// The cells in order, each with the prose before it.
    public let cells: [Cell]
    /// The prose after the last cell (may be empty).
    public let closingProse: String
    /// The lesson whose result this one starts from (`<!-- convbook: starts from lesson 4 -->`):
    /// its saved model, when there is one, replaces this lesson's `setup` cells.
    public let startsFrom: Int?

    public init(number: Int, title: String, fileName: String, cells: [Cell], closingProse: String, startsFrom: Int? = nil) {
        self.number = number
        self.title = title
        self.fileName = fileName
        self.cells = cells
        self.closingProse = closingProse
        self.startsFrom = startsFrom
    }
}

/// One step of a lesson: the prose that introduces it and what it does.
public struct Cell: Sendable, Equatable {
    /// What a cell does when it runs.
    public enum Kind: Sendable, Equatable {
        /// One REPL command line, run as if the learner typed it.
        case command(String)
        /// A question the learner answers before the derivation is shown.
        case check(Check)
    }

    /// The Markdown prose between the previous cell (or the title) and this one, trimmed.
    public let prose: String
    public let kind: Kind
    /// The 1-based line of the cell's opening fence in the file, for error messages.
    public let line: Int
    /// A `convbook setup` cell: it makes what the lesson would otherwise take from the lesson
    /// it starts from, and is skipped when that result was there.
    public let isSetup: Bool

    public init(prose: String, kind: Kind, line: Int, isSetup: Bool = false) {
        self.prose = prose
        self.kind = kind
        self.line = line
        self.isSetup = isSetup
    }
}
