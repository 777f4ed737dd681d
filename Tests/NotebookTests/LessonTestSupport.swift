import Foundation
@testable import Notebook

/// A session for lesson tests: output captured, a private state directory, lessons read
/// from `lessonsDirectory`, optionally on a (pretend) terminal with scripted input.
final class LessonHarness {
    let stateDirectory: String
    let lessonsDirectory: String
    let session: Session
    private let box = OutputBox()
    /// The temporary directories this harness made, removed with it.
    private var madeDirectories: [String] = []
    /// The cell commands run so far, when `recordCommands` replaced the real interpreter.
    private(set) var executed: [String] = []

    var output: String { box.text }
    func clearOutput() { box.text = "" }

    init(lessons: [String: String]? = nil, lessonsDirectory: String? = nil, interactive: Bool = false,
         input: [String] = [], stateDirectory: String? = nil, quick: Bool = true) throws {
        var made: [String] = []
        self.stateDirectory = stateDirectory ?? Self.temporaryDirectory("state", madeInto: &made)
        if let lessons {
            let directory = Self.temporaryDirectory("lessons", madeInto: &made)
            do {
                for (name, text) in lessons {
                    try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
                }
            } catch {
                for directory in made { try? FileManager.default.removeItem(atPath: directory) }
                throw error
            }
            self.lessonsDirectory = directory
        } else {
            self.lessonsDirectory = lessonsDirectory ?? LessonCatalog.sourceTreeLessons
        }
        var capabilities = TerminalCapabilities.plain
        capabilities.isInteractive = interactive
        let box = self.box
        let console = Console(capabilities: capabilities) { box.text += $0 }
        var environment = ["CONVBOOK_LESSONS": self.lessonsDirectory, "HOME": self.stateDirectory]
        if quick { environment["CONVBOOK_QUICK"] = "1" }
        session = Session(console: console, input: ScriptedLineReader(input), environment: environment,
                          paths: Paths(stateDirectory: self.stateDirectory, cacheDirectory: self.stateDirectory + "/cache"))
        madeDirectories = made
    }

    deinit {
        for directory in madeDirectories { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Replaces the interpreter for cells by a recorder; commands in `failing` fail.
    func recordCommands(failing: Set<String> = []) {
        session.notebook.executeCell = { [unowned self] line, _ in
            executed.append(line)
            return !failing.contains(line)
        }
    }

    /// Runs `line` as typed at the prompt; returns whether it succeeded.
    @discardableResult
    func execute(_ line: String) -> Bool { Interpreter(session: session).execute(line) }

    /// A new empty directory, which the caller removes.
    static func temporaryDirectory(_ label: String) -> String {
        let path = NSTemporaryDirectory() + "convbook-\(label)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private static func temporaryDirectory(_ label: String, madeInto made: inout [String]) -> String {
        let path = temporaryDirectory(label)
        made.append(path)
        return path
    }
}

private final class OutputBox { var text = "" }

/// A small well-formed lesson with three command cells and one check.
let sampleLesson = """
    # Sample

    Some prose before the first cell.

    ```convbook
    conv demo
    ```

    Prose before the check.

    ```check
    question: How big is the map?
    answer: 13
    hint: Use the formula.
    why: Because
      the formula says so.
    show: dims 28 3 2
    ```

    ```convbook
    dims 28 3 2
    ```

    ```python
    model = keras.Sequential()
    ```

    ```convbook
    params conv 3 32 64
    ```

    The end.
    """
