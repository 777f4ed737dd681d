import ArgumentParser
import Foundation
import Notebook

/// `convbook [FILE] [-c COMMAND]... [--data DIR]`: the REPL on a terminal, otherwise the
/// commands from `-c`, FILE or standard input, run in order.
@main
struct ConvbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convbook",
        abstract: "A notebook-style terminal for learning convolutional neural networks.",
        discussion: "Without FILE or -c on a terminal, opens the REPL; type 'help' there.")

    @Option(name: .customShort("c"), help: ArgumentHelp("Run COMMAND (repeatable), then exit.", valueName: "COMMAND"))
    var commands: [String] = []

    @Option(help: ArgumentHelp("Fashion-MNIST directory (else CONVBOOK_DATA, the cache, the Debian package).", valueName: "DIR"))
    var data: String?

    @Argument(help: ArgumentHelp("A command script (*.cb): one command a line, # comments.", valueName: "FILE"))
    var script: String?

    mutating func run() throws {
        var environment = ProcessInfo.processInfo.environment
        if let data { environment["CONVBOOK_DATA"] = data }
        let scripted = !commands.isEmpty || script != nil
        var capabilities = TerminalCapabilities.detect(environment: environment)
        if scripted { capabilities.isInteractive = false }
        let console = Console.standardOutput(capabilities: capabilities)

        let reader: LineReader
        if !commands.isEmpty {
            reader = ScriptedLineReader(commands)
        } else if let script {
            guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
                console.line("error: convbook: cannot read script '\(script)'")
                throw ExitCode(1)
            }
            reader = ScriptedLineReader(text.components(separatedBy: .newlines))
        } else if capabilities.isInteractive {
            reader = ReadlineReader()
        } else {
            reader = StandardInputReader()
        }
        let session = Session(console: console, input: reader, environment: environment)
        let interpreter = Interpreter(session: session)
        var failures = 0
        while !session.shouldQuit, let line = reader.readLine(prompt: "convbook> ") {
            if !interpreter.execute(line) { failures += 1 }
        }
        if capabilities.isInteractive && !scripted && !session.shouldQuit { console.line() }
        if failures > 0 { throw ExitCode(1) }
    }
}
