/// The XDG directories convbook uses, resolved from the environment.
///
/// State (history, lesson progress): `$XDG_STATE_HOME/convbook`, else `~/.local/state/convbook`.
/// Cache (downloaded data): `$XDG_CACHE_HOME/convbook`, else `~/.cache/convbook`.
/// An explicit data directory comes from `--data DIR` or `CONVBOOK_DATA`.
public struct Paths: Sendable, Equatable {
    public var stateDirectory: String
    public var cacheDirectory: String
    /// A data directory named explicitly; if it is broken that is an error, not a fallback.
    public var explicitDataDirectory: String?

    public init(stateDirectory: String, cacheDirectory: String, explicitDataDirectory: String? = nil) {
        self.stateDirectory = stateDirectory
        self.cacheDirectory = cacheDirectory
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
                  explicitDataDirectory: environment["CONVBOOK_DATA"].flatMap { $0.isEmpty ? nil : $0 })
    }
}
