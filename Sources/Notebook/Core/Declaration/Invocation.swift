/// A command line matched against one of the command's forms, with every value already
/// checked against its declared kind: what `Command.run` receives.
///
/// Values are looked up by the parameter's name as declared (`"IN"`, `"NAME|[ROWS]"`) or by
/// the keyword or flag name (`"stride"`, `"relu"`). Accessors never throw: a value that did
/// not fit its kind was refused before the command ran.
public struct Invocation: Sendable {
    /// A value after parsing.
    enum Value: Sendable, Equatable {
        case integer(Int)
        case number(Double)
        case padding(PaddingChoice)
        case word(String)
    }

    /// The form that matched.
    public let form: CommandForm
    /// The matched form's sub-command (canonical, not an alias), if it has one.
    public var subcommand: String? { form.subcommand }
    let values: [String: Value]
    let repeated: [String: [String]]
    let flags: Set<String>

    init(form: CommandForm, values: [String: Value], repeated: [String: [String]], flags: Set<String>) {
        self.form = form
        self.values = values
        self.repeated = repeated
        self.flags = flags
    }

    /// The whole number given for `name`, if any.
    public func integer(_ name: String) -> Int? {
        if case let .integer(value) = values[name] { return value }
        return nil
    }

    /// The decimal number given for `name`, if any (a whole number declared as `.number` too).
    public func number(_ name: String) -> Double? {
        switch values[name] {
        case let .number(value): value
        case let .integer(value): Double(value)
        default: nil
        }
    }

    /// The padding given for `name` (default "padding"), if any.
    public func padding(_ name: String = "padding") -> PaddingChoice? {
        if case let .padding(value) = values[name] { return value }
        return nil
    }

    /// The word given for `name` (text, a file or a choice, choices lowercased), if any.
    public func word(_ name: String) -> String? {
        if case let .word(value) = values[name] { return value }
        return nil
    }

    /// Every word of the repeating parameter `name` (empty when none were given).
    public func words(_ name: String) -> [String] { repeated[name] ?? [] }

    /// Whether the flag `name` was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Whether anything was given for `name` (a positional, keyword or flag).
    public func has(_ name: String) -> Bool { values[name] != nil || repeated[name] != nil || flags.contains(name) }
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
