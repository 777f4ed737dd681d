/// Every command of the REPL, in the order `help` lists them.
public enum CommandRegistry {
    /// Grouped as `help` shows them: basics, convolution arithmetic, data and model,
    /// looking inside, the notebook.
    public static let all: [any Command.Type] = [
        HelpCommand.self, QuitCommand.self,
        ConvCommand.self, DimsCommand.self, ParamsCommand.self,
        DataCommand.self, ShowCommand.self,
        ModelCommand.self, AddCommand.self, SummaryCommand.self, CompileCommand.self,
        TrainCommand.self, EvaluateCommand.self, PredictCommand.self, SaveCommand.self, LoadCommand.self,
        PlotCommand.self, FiltersCommand.self, FeaturesCommand.self, MistakesCommand.self,
        LessonsCommand.self, LessonCommand.self, NextCommand.self, BackCommand.self,
        RunCommand.self, WhereCommand.self, HintCommand.self, ResetCommand.self,
    ]

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

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
