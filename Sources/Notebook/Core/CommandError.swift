/// A command that could not do what was asked. The interpreter prints it as one line,
/// `error: <command>: <message>`, followed by the command's usage line.
public struct CommandError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
