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
            report(command: CommandError.quoted(name), error: error, usage: CommandRegistry.command(named: name)?.usageForms(after: []))
            return false
        }
        guard let name = words.first else { return true }
        guard let command = CommandRegistry.command(named: name) else {
            report(command: CommandError.quoted(name), error: CommandError(unknownCommandMessage(name)), usage: nil)
            return false
        }
        // A lesson's scope is saved after a command that may have changed it, even one that
        // failed or was interrupted part-way (train keeps what it learned).
        defer { session.notebook.commandDidRun(command, in: session) }
        let arguments = Array(words.dropFirst())
        do {
            try command.run(command.parse(arguments), in: session)
            return true
        } catch {
            report(command: command.name, error: error, usage: command.usageForms(after: arguments))
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

    private func report(command: String, error: Error, usage: [String]?) {
        let console = session.console
        let message = (error as? CommandError)?.message ?? "\(error)"
        console.line(console.styled("error:", "1;31") + " \(command): \(message)")
        if let usage {
            UsageLayout.lines(usage, label: "usage: ", width: console.capabilities.width).forEach { console.verbatim($0) }
        }
    }

    private func unknownCommandMessage(_ name: String) -> String {
        if let suggestion = CommandRegistry.closestName(to: name) {
            return "unknown command (did you mean '\(suggestion)'? 'help' lists every command)"
        }
        if name.first?.isNumber == true {
            // Most often an answer, typed again once its check has moved on to the next cell.
            return "a number is not a command (a check's answer goes after its 'answer>' prompt; 'help' lists every command)"
        }
        return "unknown command ('help' lists every command)"
    }
}
