/// A safetensors file convbook cannot read: one line naming the file and what is wrong.
public struct SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// The file's name (last path component), or "safetensors" for bytes held in memory.
    public let file: String
    public let problem: String

    public init(file: String, _ problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
