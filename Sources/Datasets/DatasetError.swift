/// A data file convbook cannot use, or a download that failed: one line naming the file
/// and what is wrong, e.g. `train-images-idx3-ubyte.gz: truncated: ...`.
public struct DatasetError: Error, Equatable, CustomStringConvertible {
    /// The file's name (its last path component), or empty when no single file is at fault.
    public let file: String
    /// What is wrong, in words a learner can act on.
    public let problem: String

    public init(file: String, _ problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { file.isEmpty ? problem : "\(file): \(problem)" }

    /// The last path component of `path`, used to name files in messages.
    static func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
