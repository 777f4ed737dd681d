import Notebook

/// Lines from standard input when it is not a terminal (a pipe or a file): no prompt.
final class StandardInputReader: LineReader {
    func readLine(prompt: String) -> String? {
        Swift.readLine(strippingNewline: true)
    }
}
