/// Asks a check's question on a terminal until the learner has predicted, given up or moved on.
///
/// - An empty line asks again: stepping with Enter never gives an answer away.
/// - `hint` shows the hint; `reveal` shows the answer; `skip` moves on without it.
/// - A wrong answer gets the hint and a second try; a second wrong one, the answer.
/// - A line that starts with a convbook command is run as that command, not graded (the
///   notebook's own commands wait until the check is answered).
/// - Text that is neither a number, a size nor a name is explained, not counted as a try.
enum CheckDialogue {
    /// How the dialogue ended.
    enum Outcome: Equatable {
        /// Right, or wrong twice, or revealed: the derivation follows.
        case answered
        /// `skip`, or `quit` typed at the prompt: no answer, no derivation.
        case skipped
    }

    static let noHint = "no hint for this one; try the commands you have seen so far."

    static func ask(_ check: Check, input: LineReader, in session: Session) -> Outcome {
        let console = session.console
        console.message("Type your answer: a number, a size (13x13) or a class name. 'hint' gives a hint, 'reveal' shows the answer, 'skip' moves on.")
        var wrongTries = 0
        while true {
            guard let line = input.readLine(prompt: "answer> ") else {
                console.line()
                console.line("The answer: \(check.answerText).")
                return .answered
            }
            let text = line.trimmingCharacters(in: .whitespaces)
            switch text.lowercased() {
            case "":
                console.message("No answer yet: type your prediction, or 'hint', 'reveal' or 'skip'.")
                continue
            case "hint":
                CellRunner.labelled("Hint:", check.hint ?? noHint, console: console)
                continue
            case "reveal":
                console.line("The answer: \(check.answerText).")
                return .answered
            case "skip":
                console.message("Skipped without the answer; 'back' returns to this check.")
                return .skipped
            default:
                break
            }
            if let command = commandName(of: text) {
                guard !CommandRegistry.notebookCommandNames.contains(command) || command == "where" || command == "lessons" else {
                    console.message("Answer the check first ('reveal' or 'skip' moves on); then '\(command)' works.")
                    continue
                }
                Interpreter(session: session).execute(text)
                if session.shouldQuit { return .skipped }
                console.message("Back to the check: \(check.question)")
                continue
            }
            guard let given = Answer.parse(text) else {
                console.message("Type a number (18,496 or eighteen), a size (13x13) or a class name; or 'reveal' or 'skip'.")
                continue
            }
            if check.accepts(given) {
                console.line(console.styled("Right:", "1;32") + " \(check.answerText).")
                return .answered
            }
            wrongTries += 1
            if wrongTries == 1 {
                console.message(console.styled("Not quite", "1;33") + " (you said \(text)). One more try.")
                CellRunner.labelled("Hint:", check.hint ?? noHint, console: console)
                continue
            }
            console.message(console.styled("Not quite:", "1;33") + " you said \(text); the answer is \(check.answerText).")
            return .answered
        }
    }

    /// The command `text` starts with, if its first word names one.
    private static func commandName(of text: String) -> String? {
        guard let first = text.split(separator: " ").first else { return nil }
        return CommandRegistry.command(named: String(first))?.name
    }
}
