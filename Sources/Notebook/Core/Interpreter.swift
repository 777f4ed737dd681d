import Foundation

/// Runs command lines against a session: finds the command, runs it, and turns every
/// failure into the one-line `error: <command>: <what is wrong>` plus the usage line.
public final class Interpreter {
    public let session: Session

    public init(session: Session) { self.session = session }

    /// Runs one line. Returns false if it failed (the error has been printed).
    ///
    /// An empty line advances the active stepper on a terminal; `#` starts a comment.
    @discardableResult
    public func execute(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            return advanceStepper()
        }
        if trimmed.hasPrefix("#") { return true }
        let words: [String]
        do {
            words = try Arguments.split(trimmed)
        } catch {
            let name = trimmed.split(separator: " ").first.map(String.init) ?? trimmed
            report(command: name, error: error, usage: CommandRegistry.command(named: name)?.usage)
            return false
        }
        guard let name = words.first else { return true }
        guard let command = CommandRegistry.command(named: name) else {
            report(command: printable(name), error: CommandError(unknownCommandMessage(name)), usage: nil)
            return false
        }
        do {
            try command.run(Arguments(Array(words.dropFirst())), in: session)
            return true
        } catch {
            report(command: command.name, error: error, usage: command.usage)
            return false
        }
    }

    private func advanceStepper() -> Bool {
        guard session.isInteractive, let stepper = session.stepper, !stepper.isFinished else { return true }
        do {
            try stepper.step(in: session)
            return true
        } catch {
            report(command: "next", error: error, usage: nil)
            return false
        }
    }

    private func report(command: String, error: Error, usage: String?) {
        let message = (error as? CommandError)?.message ?? "\(error)"
        session.console.line(session.console.styled("error:", "1;31") + " \(command): \(message)")
        if let usage {
            session.console.line("usage: \(usage)")
        }
    }

    /// At most 40 printable characters of what the user typed, for the error line.
    private func printable(_ word: String) -> String {
        let cleaned = String(word.unicodeScalars.map { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return cleaned.count > 40 ? String(cleaned.prefix(40)) + "..." : cleaned
    }

    private func unknownCommandMessage(_ name: String) -> String {
        if let suggestion = CommandRegistry.closestName(to: name) {
            return "unknown command (did you mean '\(suggestion)'? 'help' lists every command)"
        }
        return "unknown command ('help' lists every command)"
    }
}
