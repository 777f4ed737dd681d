/// One way of invoking a command, declared as data: `dims IN K [S] [P] [stride=S] ...`.
///
/// Each command lists its forms once (`Command.forms`); the parser, the usage line, `help`,
/// Tab completion and "did you mean" are all derived from them. A command with sub-commands
/// (`conv demo`, `conv step`) has one form per sub-command; forms without a sub-command are
/// tried in order, the first that accepts the words wins (`predict INDEX | predict FILE`).
public struct CommandForm: Sendable {
    /// The word after the command's name that selects this form ("demo"), if any.
    public let subcommand: String?
    /// Other words that select it ("conv2d" for "conv" in `add`).
    public let aliases: [String]
    /// The positional values, in order: required ones first, then optional ones; the last may
    /// repeat (take every remaining word).
    public let parameters: [Positional]
    /// `key=VALUE` keywords and bare flag words, allowed anywhere after the sub-command.
    public let options: [CommandOption]

    public init(_ subcommand: String? = nil, aliases: [String] = [], _ parameters: [Positional] = [],
                options: [CommandOption] = []) {
        precondition(parameters.dropLast().allSatisfy { !$0.repeats }, "only the last parameter may repeat")
        precondition(!zip(parameters, parameters.dropFirst()).contains { $0.isOptional && !$1.isOptional && !$1.repeats },
                     "required parameters come before optional ones")
        self.subcommand = subcommand
        self.aliases = aliases
        self.parameters = parameters
        self.options = options
    }

    /// Whether `word` (lowercased) selects this form.
    func isSelected(by word: String) -> Bool {
        guard let subcommand else { return false }
        return word == subcommand || aliases.contains(word)
    }

    /// The keyword options (those that take `=VALUE`).
    var keywords: [CommandOption] { options.filter { $0.value != nil } }
    /// The flag options (bare words such as `relu`).
    var flags: [CommandOption] { options.filter { $0.value == nil } }
}

/// What kind of text a value must be; the parser checks it before the command runs.
public enum ValueKind: Sendable {
    /// A whole number in the range; thousands separators grouping by three are accepted.
    case integer(ClosedRange<Int>)
    /// A finite decimal number in the range.
    case number(ClosedRange<Double>)
    /// One of these words, case-insensitive (the invocation holds it lowercased).
    case choice([String])
    /// `valid`, `same`, or a whole number of zero rows on each side within the range.
    case padding(ClosedRange<Int>)
    /// Any word; the command checks it (a matrix `[1 0; 0 1]`, a layer name, a title).
    case text
    /// A path; Tab completes file names.
    case file

    /// The words Tab offers for a value of this kind.
    var offeredWords: [String] {
        switch self {
        case let .choice(words): words
        case .padding: ["valid", "same"]
        default: []
        }
    }
}

/// A positional value of a form.
public struct Positional: Sendable {
    /// What the usage line shows, e.g. "IN", "NAME|[ROWS]", "loss|accuracy".
    public let name: String
    /// What error messages call it, e.g. "F (filters)"; defaults to `name`.
    public let label: String
    public let kind: ValueKind
    public let isOptional: Bool
    /// Takes every remaining word (at least one unless optional).
    public let repeats: Bool
    /// Extra words Tab offers here (kernel names, lesson numbers), computed when asked.
    public let suggestions: @Sendable () -> [String]

    public static func required(_ name: String, _ kind: ValueKind, label: String? = nil,
                                suggestions: @escaping @Sendable () -> [String] = { [] }) -> Positional {
        Positional(name: name, label: label ?? name, kind: kind, isOptional: false, repeats: false, suggestions: suggestions)
    }

    public static func optional(_ name: String, _ kind: ValueKind, label: String? = nil,
                                suggestions: @escaping @Sendable () -> [String] = { [] }) -> Positional {
        Positional(name: name, label: label ?? name, kind: kind, isOptional: true, repeats: false, suggestions: suggestions)
    }

    /// Every remaining word; `optional` allows none.
    public static func repeating(_ name: String, _ kind: ValueKind, label: String? = nil, optional: Bool = false,
                                 suggestions: @escaping @Sendable () -> [String] = { [] }) -> Positional {
        Positional(name: name, label: label ?? name, kind: kind, isOptional: optional, repeats: true, suggestions: suggestions)
    }

    /// The words Tab offers for this parameter.
    var offeredWords: [String] { kind.offeredWords + suggestions() }
}

/// A keyword (`stride=S`) or a flag word (`relu`) of a form.
public struct CommandOption: Sendable {
    /// The keyword or flag itself, lowercase.
    public let name: String
    /// The value's kind; nil for a flag.
    public let value: ValueKind?
    /// What the usage shows after `=`, e.g. "S" or "10" (a default).
    public let placeholder: String

    /// `name=PLACEHOLDER`, a value of `kind`.
    public static func keyword(_ name: String, _ placeholder: String, _ kind: ValueKind) -> CommandOption {
        CommandOption(name: name, value: kind, placeholder: placeholder)
    }

    /// A bare word that switches something on (`relu`, `numbers`).
    public static func flag(_ name: String) -> CommandOption {
        CommandOption(name: name, value: nil, placeholder: "")
    }

    // The keywords that mean the same thing in every command that takes them.

    /// `stride=S`: how many cells a window moves at a time.
    public static func stride(_ range: ClosedRange<Int>) -> CommandOption { .keyword("stride", "S", .integer(range)) }
    /// `padding=valid|same|N`: zeros added around the input (Keras's names, or N on each side).
    public static func padding(_ range: ClosedRange<Int>) -> CommandOption { .keyword("padding", "valid|same|N", .padding(range)) }
    /// `dilation=D`: the kernel's taps D cells apart.
    public static func dilation(_ range: ClosedRange<Int>) -> CommandOption { .keyword("dilation", "D", .integer(range)) }
    /// `seed=N`: fixes the random numbers of a run.
    public static let seed = CommandOption.keyword("seed", "N", .integer(0...Int(Int32.max)))
}

/// A parsed `padding=` value.
public enum PaddingChoice: Equatable, Sendable {
    /// No padding (Keras's 'valid').
    case valid
    /// Keras's 'same': enough zeros that the output is ceil(input / stride).
    case same
    /// This many zero rows and columns on each side.
    case explicit(Int)
}
