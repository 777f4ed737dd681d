import Foundation
@testable import Notebook

/// A session whose output is captured, for running REPL commands in tests.
final class ReplHarness {
    private final class Box { var text = "" }
    private let box = Box()
    let session: Session
    let interpreter: Interpreter

    /// Plain output (80 columns, no colour) unless `capabilities` says otherwise.
    init(capabilities: TerminalCapabilities = .plain, input: [String] = []) {
        let box = self.box
        let console = Console(capabilities: capabilities) { box.text += $0 }
        session = Session(console: console, input: ScriptedLineReader(input), environment: ["HOME": "/nonexistent"],
                          paths: Paths(stateDirectory: "/nonexistent/state", cacheDirectory: "/nonexistent/cache"))
        interpreter = Interpreter(session: session)
    }

    /// Runs `line`; returns whether it succeeded and what it printed (the output is then cleared).
    @discardableResult
    func run(_ line: String) -> (ok: Bool, output: String) {
        box.text = ""
        let ok = interpreter.execute(line)
        return (ok, box.text)
    }

    /// Every number in `text` (integers and decimals, with thousands separators removed).
    static func numbers(in text: String) -> [Double] {
        var numbers: [Double] = []
        var current = ""
        for character in text + " " {
            if character.isNumber || character == "." || (character == "-" && current.isEmpty) || (character == "," && !current.isEmpty) {
                current.append(character)
            } else {
                if let value = Double(current.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: ["."])) { numbers.append(value) }
                current = ""
            }
        }
        return numbers
    }
}
