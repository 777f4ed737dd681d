/// The XDG directories convbook uses, resolved from the environment.
///
/// State (history, lesson progress): `$XDG_STATE_HOME/convbook`, else `~/.local/state/convbook`.
/// Cache (downloaded data): `$XDG_CACHE_HOME/convbook`, else `~/.cache/convbook`.
/// Files lesson cells write (a saved model, say): `$XDG_DATA_HOME/convbook`, else
/// `~/.local/share/convbook`, one directory per lesson (`lesson-4`).
/// An explicit data directory comes from `--data DIR` or `CONVBOOK_DATA`.
public struct Paths: Sendable, Equatable {
    public var stateDirectory: String
    public var cacheDirectory: String
    /// Where lesson cells write their files (see `lessonFiles(_:)`).
    public var dataDirectory: String
    /// A data directory named explicitly; if it is broken that is an error, not a fallback.
    public var explicitDataDirectory: String?

    /// Without `dataDirectory`, lesson files go to `stateDirectory/files`.
    public init(stateDirectory: String, cacheDirectory: String, explicitDataDirectory: String? = nil, dataDirectory: String? = nil) {
        self.stateDirectory = stateDirectory
        self.cacheDirectory = cacheDirectory
        self.dataDirectory = dataDirectory ?? stateDirectory + "/files"
        self.explicitDataDirectory = explicitDataDirectory
    }

    public init(environment: [String: String]) {
        let home = environment["HOME"] ?? "/tmp"
        func directory(_ variable: String, _ fallback: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return value + "/convbook" }
            return home + "/" + fallback + "/convbook"
        }
        self.init(stateDirectory: directory("XDG_STATE_HOME", ".local/state"),
                  cacheDirectory: directory("XDG_CACHE_HOME", ".cache"),
                  explicitDataDirectory: environment["CONVBOOK_DATA"].flatMap { $0.isEmpty ? nil : $0 },
                  dataDirectory: directory("XDG_DATA_HOME", ".local/share"))
    }

    /// The directory the cells of lesson `number` write their files to.
    public func lessonFiles(_ number: Int) -> String { dataDirectory + "/lesson-\(number)" }
}
