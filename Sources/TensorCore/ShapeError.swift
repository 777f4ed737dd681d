/// A shape that cannot be used: a kernel larger than its input, a stride of zero, a count that
/// would overflow. Thrown where a shape comes from the user (building a model, loading a file),
/// so the caller can print the message; shape mismatches between layers of a built model are
/// programmer errors and stop with a precondition instead.
public struct ShapeError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
