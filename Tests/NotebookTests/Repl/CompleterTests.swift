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
        #expect(Completer.complete("conv ").candidates == ["apply", "demo", "grad", "image", "kernel", "learn", "reset", "run", "step"])
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

    @Test func valuesComeFromTheDeclaredForms() {
        #expect(Completer.complete("add dense 512 ").candidates == ["linear", "relu", "softmax"])
        #expect(Completer.complete("add conv 32 3 ").candidates == ["padding=", "relu", "stride="])
        #expect(Completer.complete("add conv 32 3 relu ").candidates == ["padding=", "stride="])
        #expect(Completer.complete("add conv 32 3 padding=").candidates == ["padding=same", "padding=valid"])
        #expect(Completer.complete("add input ").candidates.isEmpty)
        #expect(Completer.complete("show 3 ").candidates == ["numbers", "test", "train"])
        #expect(Completer.complete("dims 28 3 padding=s").candidates == ["padding=same"])
        #expect(Completer.complete("conv kernel ").candidates.contains("sobel-x"))
        #expect(Completer.complete("conv image ").candidates == ["default"])
        #expect(Completer.complete("plot svg=").filenames)
    }

    @Test func filesWhereTheUsageSaysFile() {
        #expect(Completer.complete("save ").filenames)
        #expect(Completer.complete("load /tmp/mo").filenames)
        #expect(!Completer.complete("dims ").filenames)
        #expect(!Completer.complete("nosuch ").filenames)
    }

    @Test func everyDeclaredWordIsOffered() {
        for command in CommandRegistry.all {
            for form in command.forms {
                let lead = "\(command.name) " + (form.subcommand.map { $0 + " " } ?? "")
                if let subcommand = form.subcommand {
                    #expect(Completer.complete("\(command.name) \(subcommand.prefix(1))").candidates.contains(subcommand))
                }
                for option in form.options {
                    let word = option.value == nil ? option.name : option.name + "="
                    #expect(Completer.complete(lead + option.name.prefix(1)).candidates.contains(word), "\(lead)\(word)")
                }
            }
        }
    }
}
