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

import Foundation

/// A deterministic generator for property tests (SplitMix64).
struct TestRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
