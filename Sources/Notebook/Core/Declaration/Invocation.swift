/// A command line matched against one of the command's forms, with every value already
/// checked against its declared kind: what `Command.run` receives.
///
/// Values are looked up by the parameter's name as declared (`"IN"`, `"NAME|[ROWS]"`) or by
/// the keyword or flag name (`"stride"`, `"relu"`). Accessors never throw: a value that did
/// not fit its kind was refused before the command ran. A name that none of the command's
/// forms declares is a mistake in the command (a misspelt name would otherwise read as
/// "not given"), not in what the learner typed, and stops the program; `DeclarationTests`
/// runs every command's examples, so such a mistake fails a test. Code shared by several
/// forms may ask for a name another form declares: it reads as not given.
/// A required parameter has its value for certain: `integer(required:)` and the like return
/// it without an optional.
public struct Invocation: Sendable {
    /// A value after parsing.
    enum Value: Sendable, Equatable {
        case integer(Int)
        case number(Double)
        case padding(PaddingChoice)
        case word(String)

        /// The value as a decimal number, if it is a number (whole or not).
        var number: Double? {
            switch self {
            case let .number(value): value
            case let .integer(value): Double(value)
            default: nil
            }
        }
    }

    /// The form that matched.
    public let form: CommandForm
    /// The matched form's sub-command (canonical, not an alias), if it has one.
    public var subcommand: String? { form.subcommand }
    let values: [String: Value]
    /// Each repeating parameter's words, with their values.
    let repeated: [String: [(word: String, value: Value)]]
    let flags: Set<String>
    /// What every form of the command declares: the names accessors may ask for.
    let declaredNames: Set<String>

    init(form: CommandForm, values: [String: Value], repeated: [String: [(word: String, value: Value)]],
         flags: Set<String>, declaredNames: Set<String>) {
        self.form = form
        self.values = values
        self.repeated = repeated
        self.flags = flags
        self.declaredNames = declaredNames
    }

    /// The whole number given for `name`, if any.
    public func integer(_ name: String) -> Int? {
        if case let .integer(value) = value(name) { return value }
        return nil
    }

    /// The whole number of the required parameter `name`.
    public func integer(required name: String) -> Int { required(name, integer(name)) }

    /// The decimal number given for `name`, if any (a whole number declared as `.number` too).
    public func number(_ name: String) -> Double? { value(name)?.number }

    /// The decimal number of the required parameter `name`.
    public func number(required name: String) -> Double { required(name, number(name)) }

    /// The padding given for `name` (default "padding"), if any.
    public func padding(_ name: String = "padding") -> PaddingChoice? {
        if case let .padding(value) = value(name) { return value }
        return nil
    }

    /// The word given for `name` (text, a file or a choice, choices lowercased), if any.
    public func word(_ name: String) -> String? {
        if case let .word(value) = value(name) { return value }
        return nil
    }

    /// The word of the required parameter `name`.
    public func word(required name: String) -> String { required(name, word(name)) }

    /// Every word of the repeating parameter `name` (empty when none were given).
    public func words(_ name: String) -> [String] {
        checkDeclared(name)
        return (repeated[name] ?? []).map(\.word)
    }

    /// Every number of the repeating parameter `name`, declared `.number` or `.integer`.
    public func numbers(_ name: String) -> [Double] {
        checkDeclared(name)
        return (repeated[name] ?? []).compactMap(\.value.number)
    }

    /// Whether the flag `name` was given.
    public func flag(_ name: String) -> Bool {
        checkDeclared(name)
        return flags.contains(name)
    }

    /// Whether anything was given for `name` (a positional, keyword or flag).
    public func has(_ name: String) -> Bool {
        checkDeclared(name)
        return values[name] != nil || repeated[name] != nil || flags.contains(name)
    }

    private func value(_ name: String) -> Value? {
        checkDeclared(name)
        return values[name]
    }

    private func checkDeclared(_ name: String) {
        precondition(declaredNames.contains(name), "a command asked for '\(name)', which none of its forms declares")
    }

    /// `value`, which the parser guarantees for a required parameter of the matched form.
    private func required<T>(_ name: String, _ value: T?) -> T {
        guard let value, form.parameters.contains(where: { $0.name == name && !$0.isOptional }) else {
            preconditionFailure("'\(name)' is not a required parameter of the form that matched, or has another kind")
        }
        return value
    }
}

extension Invocation {
    /// The whole number `name` checked against a bound known only when the command runs
    /// (the number of test images): it must be below `count`.
    public func index(_ name: String, below count: Int) throws -> Int {
        let value = integer(name) ?? 0
        guard count > 0, (0..<count).contains(value) else {
            throw CommandError("\(name) must be between 0 and \(NumberFormat.grouped(max(count - 1, 0))), got '\(value)'")
        }
        return value
    }
}

extension Positional {
    /// A 0-based image index (test or training images); its bounds are checked when the
    /// command runs (`Invocation.index(_:below:)`), so that the error names the real range.
    public static func imageIndex(_ name: String = "INDEX", optional: Bool = false) -> Positional {
        let kind = ValueKind.integer(Int(Int32.min)...Int(Int32.max))
        return optional ? .optional(name, kind) : .required(name, kind)
    }
}
