import Foundation
@testable import Notebook

/// A plain (non-terminal) session whose output is captured, for scripted model-command tests.
/// Its home and state directory (a new temporary one) goes with it.
final class ModelSession {
    let session: Session
    private let box = CapturedText()
    private let directory = NSTemporaryDirectory() + "convbook-model-\(UUID().uuidString)"

    init(quick: Bool = true, interactive: Bool = false) {
        let box = self.box
        var capabilities = TerminalCapabilities.plain
        capabilities.isInteractive = interactive
        let console = Console(capabilities: capabilities) { box.text += $0 }
        var environment = ["HOME": directory]
        if quick { environment["CONVBOOK_QUICK"] = "1" }
        session = Session(console: console, environment: environment,
                          paths: Paths(stateDirectory: directory, cacheDirectory: directory + "/cache"))
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Runs each line; returns the output they printed. Records whether the last one succeeded.
    @discardableResult
    func run(_ lines: String...) -> String {
        box.text = ""
        for line in lines { lastSucceeded = Interpreter(session: session).execute(line) }
        return box.text
    }

    private(set) var lastSucceeded = true

    var workspace: Workspace { session.workspace }

    static func temporaryFile(_ name: String) -> String {
        NSTemporaryDirectory() + "convbook-\(UUID().uuidString)-\(name)"
    }
}

private final class CapturedText { var text = "" }
