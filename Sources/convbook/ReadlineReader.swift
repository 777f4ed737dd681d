import CReadline
import Foundation
import Notebook

/// Lines from GNU readline, with editing and history.
final class ReadlineReader: LineReader {
    func readLine(prompt: String) -> String? {
        guard let pointer = readline(prompt) else { return nil }
        defer { free(pointer) }
        let line = String(cString: pointer)
        if !line.isEmpty { add_history(line) }
        return line
    }
}
