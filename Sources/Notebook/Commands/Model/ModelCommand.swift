/// `model`: start an empty model, or the tutorial's
enum ModelCommand: Command {
    static let name = "model"
    static let changes = ScopeChange.model
    static let forms = [CommandForm("new"), CommandForm("tutorial")]
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
        """
    static let examples = ["model tutorial"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let workspace = session.workspace
        switch invocation.subcommand {
        case "new":
            workspace.resetModel(started: true)
            session.console.line("a new, empty Sequential model; 'add input 28 28 1' comes first")
        case "tutorial":
            try workspace.build(from: Workspace.tutorialArchitecture)
            session.console.line("the tutorial's model, line by line:")
            for line in Workspace.tutorialArchitecture { session.console.line("  add \(line)") }
            let total = workspace.model?.parameterCount ?? 0
            session.console.line("\(NumberFormat.grouped(total)) parameters; 'summary' shows them, 'compile' and 'train' train them")
        default:
            preconditionFailure("model has no sub-command \(invocation.subcommand ?? "")")
        }
    }
}
