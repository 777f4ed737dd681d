import ArgumentParser
import Foundation
import Notebook

/// `convbook [FILE] [-c COMMAND]... [--data DIR]`: the REPL on a terminal, otherwise the
/// commands from `-c`, FILE or standard input, run in order.
///
/// Without a terminal there is no prompt, colour or animation; the exit status is 1 if any
/// command failed, 130 if Ctrl-C stopped the run, else 0.
@main
struct ConvbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convbook",
        abstract: "A notebook-style terminal for learning convolutional neural networks.",
        discussion: """
            Without FILE or -c on a terminal, opens the REPL; type 'help' there. Otherwise runs \
            the commands (from -c, FILE or standard input) in order, and exits with 1 if any failed.
            """)

    @Option(name: .customShort("c"), help: ArgumentHelp("Run COMMAND (repeatable), then exit.", valueName: "COMMAND"))
    var commands: [String] = []

    @Option(help: ArgumentHelp("Fashion-MNIST directory (else CONVBOOK_DATA, the cache, the Debian package).", valueName: "DIR"))
    var data: String?

    @Argument(help: ArgumentHelp("A command script (*.cb): one command a line, # comments; - reads standard input.",
                                 valueName: "FILE"))
    var script: String?

    func validate() throws {
        if script != nil && !commands.isEmpty {
            throw ValidationError("give commands with -c or a script FILE, not both")
        }
    }

    static let prompt = "convbook>"

    mutating func run() throws {
        var environment = ProcessInfo.processInfo.environment
        if let data { environment["CONVBOOK_DATA"] = data }
        if script == "-" { script = nil }
        let scripted = !commands.isEmpty || script != nil
        var capabilities = TerminalCapabilities.detect(environment: environment)
        if scripted { capabilities.isInteractive = false }
        let console = Console.standardOutput(capabilities: capabilities)
        let interactive = capabilities.isInteractive
        SignalHandling.install(patience: interactive ? 3 : 2)

        var failures = 0
        let reader: LineReader
        if !commands.isEmpty {
            reader = ScriptedLineReader(commands.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) })
        } else if let script {
            do {
                reader = try fileReader(FileLineReader(path: script), console: console) { failures += 1 }
            } catch {
                console.line("error: convbook: \(error)")
                throw ExitCode(1)
            }
        } else if interactive {
            let history = Paths(environment: environment).stateDirectory + "/history"
            reader = ReadlineReader(historyFile: history, mainPrompt: Self.prompt, color: capabilities.color != .none)
        } else {
            reader = fileReader(FileLineReader(descriptor: STDIN_FILENO), console: console) { failures += 1 }
        }

        let session = Session(console: console, input: interactive ? reader : nil, environment: environment)
        let interpreter = Interpreter(session: session)
        if interactive {
            Welcome.show(in: session)
        }
        while !session.shouldQuit, let line = reader.readLine(prompt: Self.prompt) {
            // On a terminal a Ctrl-C has been answered once the prompt is back; a script
            // stops at the first one, after the command it interrupted.
            if interactive { SignalHandling.answered() } else if SignalHandling.wasInterrupted { break }
            Interruption.clear()
            if interactive, let width = TerminalCapabilities.currentWidth() { console.capabilities.width = width }
            if !interpreter.execute(line) { failures += 1 }
            if !interactive, SignalHandling.wasInterrupted { break }
        }
        if !interactive, SignalHandling.wasInterrupted {
            console.line("convbook: interrupted")
            throw ExitCode(130)
        }
        if interactive && !session.shouldQuit { console.line() }
        if failures > 0 { throw ExitCode(1) }
    }

    /// `reader` with over-long lines reported as errors (each counted through `countFailure`).
    private func fileReader(_ reader: FileLineReader, console: Console, countFailure: @escaping () -> Void) -> FileLineReader {
        reader.onOverlongLine = { number in
            console.line("error: convbook: line \(number) is longer than 8 MiB; skipped")
            countFailure()
        }
        return reader
    }
}
