import Testing
@testable import Notebook

@Suite struct CompleterTests {
    @Test func commandNames() {
        #expect(Completer.complete("les").candidates == ["lesson", "lessons"])
        #expect(Completer.complete("di").candidates == ["dims"])
        #expect(Completer.complete("EXI").candidates == ["exit"])
        #expect(Completer.complete("exp").candidates == ["explain"])
        #expect(Completer.complete("").candidates.count == CommandRegistry.names.count)
        #expect(Completer.complete("zzz").candidates.isEmpty)
    }

    @Test func subcommandsAndKeywords() {
        #expect(Completer.complete("conv ").candidates == ["apply", "demo", "image", "kernel", "reset", "run", "step"])
        #expect(Completer.complete("conv demo ").candidates == ["bias=", "channels=", "dilation=", "padding=", "relu", "stride="])
        #expect(Completer.complete("conv demo stride=2 ").candidates == ["bias=", "channels=", "dilation=", "padding=", "relu"])
        #expect(Completer.complete("conv demo padding=").candidates == ["padding=same", "padding=valid"])
        #expect(Completer.complete("conv kernel sob").candidates == ["sobel-x", "sobel-y"])
        #expect(Completer.complete("conv apply e").candidates == ["edge"])
        #expect(Completer.complete("dims ").candidates == ["chain", "dilation=", "padding=", "stride="])
        #expect(Completer.complete("dims 28 3 d").candidates == ["dilation="])
        #expect(Completer.complete("params c").candidates == ["compare", "conv"])
        #expect(Completer.complete("help di").candidates == ["dims"])
    }

    @Test func optionWordsComeFromTheUsageLine() {
        let usage = "add input H W C | add conv F K [stride=S] [padding=valid|same] [relu] | add dense U [relu|softmax]"
        #expect(Completer.usageOptions(in: usage, after: "dense").words == ["relu", "softmax"])
        #expect(Completer.usageOptions(in: usage, after: "dense").keys.isEmpty)
        #expect(Completer.usageOptions(in: usage, after: "conv").words == ["relu"])
        #expect(Completer.usageOptions(in: usage, after: "conv").keys == ["stride", "padding"])
        #expect(Completer.usageOptions(in: usage, after: "input").words.isEmpty)
        #expect(Completer.usageOptions(in: "show INDEX [train|test] [numbers]", after: "3").words == ["train", "test", "numbers"])
        #expect(Completer.usageOptions(in: "conv kernel NAME|[ROWS] | conv demo [stride=S]", after: "kernel").words.isEmpty)
        #expect(Completer.usageOptions(in: ConvCommand.usage, after: "demo").words == ["relu"])
        #expect(Completer.usageOptions(in: ConvCommand.usage, after: "demo").keys == ["stride", "padding", "channels", "bias"])
    }

    @Test func filesWhereTheUsageSaysFile() {
        #expect(Completer.complete("save ").filenames)
        #expect(Completer.complete("load /tmp/mo").filenames)
        #expect(!Completer.complete("dims ").filenames)
        #expect(!Completer.complete("nosuch ").filenames)
    }

    @Test func everyCommandsCompletionsAreOffered() {
        for command in CommandRegistry.all {
            for entry in command.completions where !entry.contains(" ") && !entry.contains("=") {
                let offered = Completer.complete("\(command.name) \(entry.prefix(1))").candidates
                #expect(offered.contains(entry), "\(command.name) \(entry)")
            }
        }
    }
}
