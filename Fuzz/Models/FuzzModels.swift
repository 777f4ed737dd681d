import Datasets
import FuzzSupport
import Foundation
import Notebook

/// Fuzzes model files end to end: each input is written to a file and `load`ed into a
/// session holding a small model and 64 test images, then every command that reads a model
/// runs on whatever loaded (`summary`, `predict`, `evaluate`, `mistakes`, `features`,
/// `filters`, `plot`, `save` and `load` again). Nothing may crash, and `tools/fuzz.sh` runs
/// it under libFuzzer's memory limit (`-rss_limit_mb`, `-malloc_limit_mb`), so a file that
/// makes convbook allocate past `ModelBudget` fails the run.
@main
enum FuzzModels {
    /// The model present before `load`, so a file of weights only has somewhere to go.
    static let startingModel = [
        "model new", "add input 28 28 1", "add conv 2 3 stride=2 relu", "add maxpool 2",
        "add flatten", "add dense 10 softmax",
    ]
    static let afterLoad = [
        "summary", "predict 0", "evaluate", "mistakes 2", "features 1 0", "features 2 1", "filters 1",
        "plot", "plot accuracy",
    ]

    static func main() {
        let images = (try? FashionMNIST.sample())?.prefix(64)
        let directory = NSTemporaryDirectory() + "convbook-fuzz-models-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let input = directory + "/input.safetensors", output = directory + "/saved.safetensors"
        runFuzzer { bytes in
            guard FileManager.default.createFile(atPath: input, contents: Data(bytes)) else { return }
            let console = Console(capabilities: .plain) { _ in }
            let session = Session(console: console, input: ScriptedLineReader([]),
                                  environment: ["HOME": directory, "XDG_STATE_HOME": directory, "CONVBOOK_DATA": "/nonexistent"])
            session.workspace.testSet = images
            let interpreter = Interpreter(session: session)
            for line in startingModel { interpreter.execute(line) }
            guard interpreter.execute("load \(input)") else { return }
            for line in afterLoad { interpreter.execute(line) }
            guard interpreter.execute("save \(output)") else { return }
            precondition(interpreter.execute("load \(output)"), "a model convbook saved did not load again")
        }
    }
}
