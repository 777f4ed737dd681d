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
            report(command: CommandError.quoted(name), error: error, usage: CommandRegistry.command(named: name)?.usage)
            return false
        }
        guard let name = words.first else { return true }
        guard let command = CommandRegistry.command(named: name) else {
            report(command: CommandError.quoted(name), error: CommandError(unknownCommandMessage(name)), usage: nil)
            return false
        }
        // A lesson's scope is saved after a command that may have changed it, even one that
        // failed or was interrupted part-way (train keeps what it learned).
        defer { session.notebook.commandDidRun(command.name, in: session) }
        do {
            try command.run(Arguments(Array(words.dropFirst())), in: session)
            return true
        } catch {
            report(command: command.name, error: error, usage: Self.usage(of: command, for: Array(words.dropFirst())))
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

    /// The usage to print after an error: only the forms of the sub-command that was used
    /// (`params conv K CIN FILTERS` after a bad `params conv`), or when no sub-command was
    /// named, the forms that take none (`dims IN K ...` after `dims 28`); else all of them,
    /// one a line when together they would pass 80 columns.
    static func usage(of command: any Command.Type, for words: [String]) -> String {
        let forms = command.usage.components(separatedBy: " | ")
        func secondWord(_ form: String) -> Substring? {
            let parts = form.split(separator: " ")
            return parts.count > 1 ? parts[1] : nil
        }
        func isSubcommand(_ word: Substring?) -> Bool {
            guard let word, !word.isEmpty else { return false }
            return word.allSatisfy { $0.isLowercase || $0 == "-" }
        }
        let subcommand = words.first?.lowercased()
        let matching = forms.filter { secondWord($0).map { $0.lowercased() == subcommand } ?? false }
        let withoutSubcommand = forms.filter { !isSubcommand(secondWord($0)) }
        let shown = !matching.isEmpty ? matching : (withoutSubcommand.isEmpty ? forms : withoutSubcommand)
        let joined = shown.joined(separator: " | ")
        return joined.count + 7 <= 80 ? joined : shown.joined(separator: "\n       ")
    }

    private func unknownCommandMessage(_ name: String) -> String {
        if let suggestion = CommandRegistry.closestName(to: name) {
            return "unknown command (did you mean '\(suggestion)'? 'help' lists every command)"
        }
        return "unknown command ('help' lists every command)"
    }
}
