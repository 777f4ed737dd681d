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
        ("The notebook", [LessonsCommand.self, LessonCommand.self, NextCommand.self, BackCommand.self,
                          RunCommand.self, WhereCommand.self, HintCommand.self, ResetCommand.self]),
    ]

    /// Every command, in `help`'s order.
    public static let all: [any Command.Type] = groups.flatMap { $0.commands }

    /// The command invoked by `name` or one of its aliases (case-insensitive).
    public static func command(named name: String) -> (any Command.Type)? {
        let lowered = name.lowercased()
        return all.first { $0.name == lowered || $0.aliases.contains(lowered) }
    }

    /// Every word that invokes a command, for Tab completion.
    public static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }

    /// The command name within edit distance 2 of `word`, if one is that close.
    public static func closestName(to word: String) -> String? {
        let lowered = word.lowercased()
        guard lowered.count <= 20 else { return nil }
        let scored = names.map { ($0, editDistance(lowered, $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// The Levenshtein distance between `a` and `b` (insertions, deletions, substitutions).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
