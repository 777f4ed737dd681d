/// Every command of the REPL, grouped and in the order `help` lists them.
public enum CommandRegistry {
    /// The commands under the headings `help` shows them with. To add a command, put its
    /// type in the right group; everything else (help, completion, dispatch) follows.
    public static let groups: [(title: String, commands: [any Command.Type])] = [
        ("Basics", [HelpCommand.self, QuitCommand.self]),
        ("Convolution arithmetic", [ConvCommand.self, PoolCommand.self, DimsCommand.self, ParamsCommand.self]),
        ("Data and model", [DataCommand.self, ShowCommand.self,
                            ModelCommand.self, AddCommand.self, SummaryCommand.self, CompileCommand.self,
                            TrainCommand.self, StepCommand.self, EvaluateCommand.self, PredictCommand.self,
                            SaveCommand.self, LoadCommand.self]),
        ("Looking inside", [PlotCommand.self, FiltersCommand.self, FeaturesCommand.self,
                            MistakesCommand.self, SoftmaxCommand.self, ExplainCommand.self, ReceptiveCommand.self,
                            OcclusionCommand.self, RunsCommand.self]),
        (notebookTitle, [LessonsCommand.self, LessonCommand.self, NextCommand.self, BackCommand.self,
                          RunCommand.self, WhereCommand.self, HintCommand.self, ResetCommand.self]),
    ]

    /// The heading of the commands that move through lessons.
    static let notebookTitle = "The notebook"

    /// Every command, in `help`'s order.
    public static let all: [any Command.Type] = groups.flatMap { $0.commands }

    /// The names of the notebook's own commands (`next`, `back`, ...): a lesson cell may not
    /// run them, and at a check's prompt they are commands, not answers.
    public static let notebookCommandNames: Set<String> =
        Set(groups.first { $0.title == notebookTitle }?.commands.map { $0.name } ?? [])

    /// The command invoked by `name` or one of its aliases (case-insensitive).
    public static func command(named name: String) -> (any Command.Type)? {
        let lowered = name.lowercased()
        return all.first { $0.name == lowered || $0.aliases.contains(lowered) }
    }

    /// Every word that invokes a command, for Tab completion.
    public static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }

    /// The command name within a small edit distance of `word`, if one is that close.
    public static func closestName(to word: String) -> String? {
        Suggestion.closest(to: word, among: names)
    }
}
