import FuzzSupport
import Notebook

/// Fuzzes the command line: splitting, argument parsing and every command that neither
/// touches files nor trains (those are covered by the hostile-input tests instead).
@main
enum FuzzCommands {
    static let safeCommands: Set<String> = [
        "help", "dims", "params", "conv", "model", "add", "summary", "compile", "where", "hint",
    ]

    static func main() {
        runFuzzer { bytes in
            let console = Console(capabilities: .plain) { _ in }
            let session = Session(console: console, input: ScriptedLineReader([]),
                                  environment: ["HOME": "/nonexistent"])
            let interpreter = Interpreter(session: session)
            let text = String(decoding: bytes, as: UTF8.self)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(50) {
                _ = try? Arguments.split(String(line))
                let name = line.split(separator: " ").first.map { $0.lowercased() } ?? ""
                if safeCommands.contains(name) {
                    interpreter.execute(String(line))
                }
            }
        }
    }
}
