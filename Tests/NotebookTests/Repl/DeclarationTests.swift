import Testing
@testable import Notebook

/// Every command's declared forms drive parsing, usage, help and completion; these walk the
/// whole registry so a new command is checked as soon as it is registered.
@Suite struct DeclarationTests {
    /// A word that `kind` accepts.
    private static func sample(_ kind: ValueKind) -> String {
        switch kind {
        case let .integer(range): String(range.lowerBound)
        case let .number(range): String(range.lowerBound)
        case let .choice(words): words[0]
        case .padding: "same"
        case .text: "x"
        case .file: "model.safetensors"
        }
    }

    @Test func everyUsageFormParsesAsItsOwnForm() throws {
        for command in CommandRegistry.all {
            for form in command.forms {
                var words = form.subcommand.map { [$0] } ?? []
                words += form.parameters.map { Self.sample($0.kind) }
                words += form.options.map { option in option.value.map { "\(option.name)=\(Self.sample($0))" } ?? option.name }
                let invocation = try command.parse(words)
                #expect(invocation.subcommand == form.subcommand, "\(command.name) \(words)")
                for option in form.options { #expect(invocation.has(option.name), "\(command.name) \(option.name)") }
                for parameter in form.parameters { #expect(invocation.has(parameter.name), "\(command.name) \(parameter.name)") }
            }
        }
    }

    @Test func everyCommandHasExamplesThatParseAndRun() {
        for command in CommandRegistry.all {
            #expect(!command.examples.isEmpty, "\(command.name) has no example")
            let harness = ReplHarness()
            let preparation = command == AddCommand.self ? ["model new"] : ["data sample", "model tutorial", "compile", "train epochs=1 limit=64"]
            for line in preparation { harness.run(line) }
            for example in command.examples {
                let words = (try? Arguments.split(example)) ?? []
                guard let name = words.first, let type = CommandRegistry.command(named: name) else {
                    Issue.record("\(command.name): example '\(example)' names no command")
                    continue
                }
                let invocation: Invocation
                do {
                    invocation = try type.parse(Array(words.dropFirst()))
                } catch {
                    Issue.record("\(command.name): example '\(example)' does not parse: \(error)")
                    continue
                }
                // Examples that read or write the learner's files, or step a lesson on a
                // terminal, are only parsed.
                let touchesFiles = invocation.form.parameters.contains { if case .file = $0.kind { invocation.has($0.name) } else { false } }
                    || invocation.form.keywords.contains { if case .file? = $0.value { invocation.has($0.name) } else { false } }
                if touchesFiles || CommandRegistry.notebookCommandNames.contains(type.name) || name == "data" { continue }
                let (ok, output) = harness.run(example)
                #expect(ok, "\(example): \(output)")
            }
        }
    }

    @Test func helpIsMadeFromTheDeclaration() {
        for command in CommandRegistry.all {
            let (ok, output) = ReplHarness().run("help \(command.name)")
            #expect(ok)
            for form in command.usageForms { #expect(output.wordsOnly.contains(form.wordsOnly), "\(form)") }
            for example in command.examples { #expect(output.contains("  " + example), "\(example)") }
            #expect(output.split(separator: "\n").allSatisfy { $0.count <= 80 }, "help \(command.name)")
        }
    }

    @Test func typosGetSuggestionsAtEveryLevel() {
        let cases = [
            ("conv dmeo", "error: conv: unknown sub-command 'dmeo' (did you mean 'demo'?)"),
            ("params comapre 1 2 3 4 5", "error: params: unknown sub-command 'comapre' (did you mean 'compare'?)"),
            ("conv demo strde=2", "error: conv: unknown option 'strde=' (did you mean 'stride='?)"),
            ("dims 28 3 padding=sme", "error: dims: padding must be valid, same or a number of rows, got 'sme' (did you mean 'same'?)"),
            ("show 0 numbrs", "error: show: unexpected argument 'numbrs' (did you mean 'numbers'?)"),
            ("show 0 tset", "error: show: the set must be train or test, got 'tset' (did you mean 'test'?)"),
            ("occlusion 0 numbrs", "error: occlusion: unexpected argument 'numbrs' (did you mean 'numbers'?)"),
            ("pool dem", "error: pool: unknown sub-command 'dem' (did you mean 'demo'?)"),
            ("conv lern", "error: conv: unknown sub-command 'lern' (did you mean 'learn'?)"),
            ("plot compar", "error: plot: unknown sub-command 'compar' (did you mean 'compare'?)"),
            ("train profil", "error: train: unexpected argument 'profil' (did you mean 'profile'?)"),
            ("conv kernel sobel-z", "error: conv: no kernel named 'sobel-z' (did you mean 'sobel-x'?)"),
            ("plot acuracy", "error: plot: the metric must be loss or accuracy, got 'acuracy' (did you mean 'accuracy'?)"),
        ]
        for (line, expected) in cases {
            let (ok, output) = ReplHarness().run(line)
            #expect(!ok)
            #expect(output.wordsOnly.hasPrefix(expected), "\(line) -> \(output)")  // wrapped at 80 columns
        }
    }

    @Test func keywordsMeanTheSameEverywhere() {
        let keyword = ReplHarness().run("dims 28 3 stride=2")
        let positional = ReplHarness().run("dims 28 3 2")
        #expect(keyword.ok && keyword.output == positional.output)
        let same = ReplHarness().run("dims 28 3 stride=2 padding=same")
        #expect(same.ok)
        #expect(same.output.contains("Per side: 0 at the top and left, 1 at the bottom and right"), "\(same.output)")
        #expect(same.output.contains("output = ceil(28 / 2) = 14"), "\(same.output)")
        let conflict = ReplHarness().run("dims 28 3 2 stride=3")
        #expect(!conflict.ok && conflict.output.hasPrefix("error: dims: the stride is given twice with different values"))
        #expect(ReplHarness().run("dims 5 3 padding=1").output == ReplHarness().run("dims 5 3 1 1").output)
    }

    @Test func valuesComeBackParsed() throws {
        let dims = try DimsCommand.parse(["28", "3", "padding=same"])
        #expect(dims.integer(required: "IN") == 28 && dims.integer(required: "K") == 3 && dims.padding() == .same)
        #expect(dims.integer("S") == nil && !dims.has("dilation"))
        let softmax = try SoftmaxCommand.parse(["2", "-1", "0.5", "1e3"])
        #expect(softmax.numbers("V1 V2") == [2, -1, 0.5, 1000])
        #expect(softmax.words("V1 V2") == ["2", "-1", "0.5", "1e3"])
        // A name another form of the command declares reads as not given.
        #expect(try ParamsCommand.parse(["dense", "784", "512"]).integer("S") == nil)
    }

    /// A misspelt name in a command's code would read as "not given" and quietly take the
    /// default; it stops the program instead, in whichever accessor asks.
    @Test func askingForANameNoFormDeclaresStops() async {
        await #expect(processExitsWith: .failure) { _ = try? DimsCommand.parse(["28", "3"]).integer("strde") }
        await #expect(processExitsWith: .failure) { _ = try? DimsCommand.parse(["28", "3"]).integer(required: "stride") }
        await #expect(processExitsWith: .failure) { _ = try? TrainCommand.parse([]).flag("profil") }
    }

    @Test func anIndexThatIsANumberIsNeverTakenForAFile() {
        let harness = ReplHarness()
        harness.run("data sample")
        harness.run("model tutorial")
        let (ok, output) = harness.run("predict -3")
        #expect(!ok && output.hasPrefix("error: predict: INDEX must be between 0 and"), "\(output)")
    }

    @Test func theDemoComesBackToItsDefaults() {
        let harness = ReplHarness()
        let original = harness.run("conv demo").output
        harness.run("conv image [1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16]")
        harness.run("conv kernel blur")
        #expect(harness.run("conv demo").output != original)
        #expect(harness.run("conv reset").ok)
        #expect(harness.run("conv demo").output == original)
        harness.run("conv image [1 2; 3 4]")
        harness.run("conv kernel blur")
        #expect(harness.run("conv image default").ok && harness.run("conv kernel default").ok)
        #expect(harness.run("conv demo").output == original)
    }
}
