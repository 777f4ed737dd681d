/// `model`: start an empty model, or the tutorial's
enum ModelCommand: Command {
    static let name = "model"
    static let usage = "model new | model tutorial"
    static let summary = "start an empty model, or the tutorial's"
    static let discussion = """
        model new        an empty Sequential model: 'add input 28 28 1' and then the
                         layers, one 'add' per line, as the Keras code does.
        model tutorial   the tutorial's model, built by these lines:
                           add input 28 28 1
                           add conv 32 3 stride=2 relu
                           add conv 64 3 stride=2 relu
                           add conv 128 3 stride=2 relu
                           add flatten
                           add dropout 0.2
                           add dense 512 relu
                           add dropout 0.2
                           add dense 10 softmax
        Either replaces the current model (and forgets its training history).

        Example: model tutorial
        """
    static let completions = ["new", "tutorial"]

    static func run(_ arguments: Arguments, in session: Session) throws {
        guard !arguments.positionals.isEmpty else { throw CommandError("missing new or tutorial") }
        try arguments.expectPositionals(1, 1)
        try arguments.expectKeywords([])
        let workspace = session.workspace
        switch arguments.positionals[0].lowercased() {
        case "new":
            workspace.resetModel(started: true)
            session.console.line("a new, empty Sequential model; 'add input 28 28 1' comes first")
        case "tutorial":
            try workspace.build(from: Workspace.tutorialArchitecture)
            session.console.line("the tutorial's model, line by line:")
            for line in Workspace.tutorialArchitecture { session.console.line("  add \(line)") }
            let total = workspace.model?.parameterCount ?? 0
            session.console.line("\(NumberFormat.grouped(total)) parameters; 'summary' shows them, 'compile' and 'train' train them")
        case let other:
            throw CommandError("unknown sub-command '\(other)' (expected new or tutorial)")
        }
    }
}
