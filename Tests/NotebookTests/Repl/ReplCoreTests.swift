#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorCore
import Testing
@testable import Notebook

/// help, quit, the interpreter's error lines, and reading bytes as lines.
@Suite struct ReplCoreTests {
    @Test func helpListsEveryCommandWithinEightyColumns() {
        let (ok, output) = ReplHarness().run("help")
        #expect(ok)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        for group in CommandRegistry.groups { #expect(lines.contains { $0 == group.title }) }
        for command in CommandRegistry.all {
            for form in command.usageForms {  // a long form is broken between its words
                #expect(output.wordsOnly.contains(form.wordsOnly), "\(form)")
            }
        }
    }

    @Test func helpExplainsEveryCommandAndAlias() {
        for command in CommandRegistry.all {
            for name in [command.name] + command.aliases {
                let (ok, output) = ReplHarness().run("help \(name)")
                #expect(ok && output.hasPrefix("\(command.name): \(command.summary)"))
                #expect(output.contains(HelpCommand.reflow(command.discussion, width: 80)))
                #expect(output.wordsOnly.contains(command.discussion.wordsOnly), "no word of \(name)'s discussion lost")
            }
        }
    }

    /// A paragraph, a table row with its continuation line, and an indented formula at 30
    /// columns, written out by hand.
    @Test func reflowWrapsParagraphsAndRowsAndKeepsIndentedLines() {
        let prose = """
            A paragraph of several words that
            must wrap.

            add conv F K    Conv2D with F filters of
                            K by K.
                output = (28 - 3)/2 + 1
            """
        #expect(HelpCommand.reflow(prose, width: 30) == """
            A paragraph of several words
            that must wrap.

            add conv F K    Conv2D with F
                            filters of K by K.
                output = (28 - 3)/2 + 1
            """)
    }

    @Test func helpForAnUnknownCommandSuggests() {
        let (ok, output) = ReplHarness().run("help dimz")
        #expect(!ok && output.hasPrefix("error: help: no command 'dimz' (did you mean 'dims'?)"))
    }

    @Test func quitAndExitEndTheSession() {
        for word in ["quit", "exit", "QUIT"] {
            let harness = ReplHarness()
            #expect(harness.run(word).ok)
            #expect(harness.session.shouldQuit)
        }
        #expect(!ReplHarness().run("quit now").ok)
    }

    @Test func errorsAreOneLineThenTheUsageOfTheFormUsed() {
        let (ok, output) = ReplHarness().run("params conv 3 x 3")
        #expect(!ok)
        #expect(output == "error: params: CIN must be a number, got 'x'\nusage: params conv K CIN FILTERS\n")
        let unknown = ReplHarness().run("dimz 28 3")
        #expect(unknown.output == "error: dimz: unknown command (did you mean 'dims'? 'help' lists every command)\n")
        let number = ReplHarness().run("13x13")
        #expect(number.output.wordsOnly == "error: 13x13: a number is not a command (a check's answer goes after its 'answer>' prompt; 'help' lists every command)")
        let binary = ReplHarness().run("\u{1B}O2J\u{0}\u{7} 1 2")
        #expect(binary.output.hasPrefix("error: ?O2J??: unknown command"))
    }

    @Test func usageLinesFitEightyColumns() {
        for command in CommandRegistry.all {
            for width in [60, 80, 100] {
                let lines = UsageLayout.lines(command.usageForms(after: []), label: "usage: ", width: width)
                #expect(lines.allSatisfy { $0.count <= width }, "\(command.name) at \(width): \(lines)")
                let words = String(lines.joined(separator: " ").dropFirst("usage: ".count)).wordsOnly
                #expect(lines.count == 1 || words == command.usageForms(after: []).joined(separator: " ").wordsOnly, "\(command.name)")
            }
        }
    }

    @Test func nothingTypedCrashesTheInterpreter() {
        var random = SplitMix64(seed: 99)
        let words = CommandRegistry.names + ["demo", "step", "run", "image", "kernel", "apply", "chain", "conv", "dense", "compare",
                                             "[1 2; 3 4]", "[", "]", "\"", "=", "stride=", "padding=same", "-1", "0", "3",
                                             "99999999999999999999", "1e308", "-0", "nan", "1,2", "\u{0}", "\u{FFFD}", "[[1,2],[3]]",
                                             "3/2", "3/2/1", "/", "//", "dilation=0", "é", "🙂"]
        let harness = ReplHarness()
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...6, using: &random)
            let line = (0..<count).map { _ in words.randomElement(using: &random) ?? "" }.joined(separator: " ")
            if line.hasPrefix("conv apply") || line.contains("lesson") || line.contains("train") || line.contains("data") { continue }
            harness.run(line)
            harness.session.shouldQuit = false
        }
    }

    @Test func fileLinesAreBytesDecodedLossily() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let bytes: [UInt8] = Array("dims 28 3\r\n".utf8) + [0xFF, 0xFE, 0x41, 0x0A] + Array("last line".utf8)
        _ = bytes.withUnsafeBytes { write(descriptors[1], $0.baseAddress, $0.count) }
        close(descriptors[1])
        let reader = FileLineReader(descriptor: descriptors[0])
        #expect(reader.readLine(prompt: "") == "dims 28 3")
        #expect(reader.readLine(prompt: "") == "\u{FFFD}\u{FFFD}A")
        #expect(reader.readLine(prompt: "") == "last line")
        #expect(reader.readLine(prompt: "") == nil)
        close(descriptors[0])
    }

    @Test func overlongLinesAreSkippedAndReported() throws {
        let path = "/tmp/convbook-overlong-\(getpid())"
        let text = String(repeating: "x", count: 5_000) + "\nhelp\n" + String(repeating: "y", count: 3_000)
        #expect(FileManagerShim.write(text, to: path))
        defer { unlink(path) }
        let reader = try FileLineReader(path: path, maximumLineBytes: 1_000)
        var skipped: [Int] = []
        reader.onOverlongLine = { skipped.append($0) }
        #expect(reader.readLine(prompt: "") == "help")
        #expect(reader.readLine(prompt: "") == nil)
        #expect(skipped == [1, 3])
        #expect(throws: CommandError.self) { try FileLineReader(path: "/nonexistent/script.cb") }
        #expect(throws: CommandError.self) { try FileLineReader(path: "/tmp") }
    }
}

/// Writes a test file without Foundation's encoding options getting in the way.
enum FileManagerShim {
    static func write(_ text: String, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        #if canImport(Glibc)
        return bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
        #else
        return bytes.withUnsafeBytes { Darwin.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
        #endif
    }
}

import Foundation
