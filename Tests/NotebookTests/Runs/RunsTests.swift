import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NeuralNet
import Testing
@testable import Notebook

@Suite struct RunsTests {
    /// A session with two short named runs of the tutorial model on the bundled sample.
    static func twoRuns() -> ModelSession {
        let session = ModelSession()
        session.run("data sample", "model tutorial", "compile", "train epochs=2 limit=64 name=baseline",
                    "model tutorial", "compile adam lr=0.01", "train epochs=3 limit=64 seed=2 name=\"large rate\"")
        return session
    }

    @Test func twoTrainCommandsMakeTwoRowsOfTheTable() throws {
        let session = Self.twoRuns()
        let runs = session.workspace.runs.runs
        #expect(runs.map(\.number) == [1, 2])
        #expect(runs.map(\.name) == ["baseline", "large rate"])
        #expect(runs.map(\.epochs) == [2, 3] && runs.map(\.seed) == [1, 2] && runs.map(\.optimizer) == ["adam", "adam"])
        #expect(runs.map(\.learningRate) == [Double(Float(0.001)), Double(Float(0.01))])
        #expect(runs[1].history == session.workspace.history)  // the second model's whole history
        let output = session.run("runs")
        #expect(session.lastSucceeded, "\(output)")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(output)")
        #expect(lines[0] == "run            params  optimizer   epochs  seed   loss  val_loss  val_acc  time")
        let history = session.workspace.history
        let second = lines[3].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(Array(second.prefix(8)) == ["2", "large", "rate", "360,458", "adam", "0.01", "3", "2"], "\(lines[3])")
        #expect(second[8] == String(format: "%.3f", history.loss.last!))
        #expect(second[9] == String(format: "%.3f", history.validationLoss.last!))
        #expect(second[10] == String(format: "%.4f", history.validationAccuracy.last!))
        #expect(second[11].hasSuffix("s"))
        #expect(lines[2].hasPrefix("1 baseline    360,458  adam 0.001"), "\(output)")
        #expect(lines.allSatisfy { $0.count <= 80 })
    }

    @Test func trainingOnAnAlreadyTrainedModelIsARunThatContinues() {
        let session = ModelSession()
        session.run("data sample", "model tutorial", "compile", "train epochs=2 limit=64", "train epochs=1 limit=64")
        let run = session.workspace.runs.runs[1]
        #expect(run.firstEpoch == 3 && run.epochs == 1 && run.name == nil)
        #expect(run.history.loss == [session.workspace.history.loss[2]])
        let output = session.run("runs")
        #expect(output.contains("adam 0.001     2+1     1"), "\(output)")
        #expect(output.contains("epochs 2+1: 1 more epoch for a model already trained for 2"), "\(output)")
        let series = RunComparison.series(session.workspace.runs, metric: .loss)
        #expect(series[1].values.count == 3 && series[1].values[0].isNaN && series[1].values[1].isNaN)
    }

    @Test func plotCompareWritesOneSVGWithEveryRunOnOneAxis() throws {
        let session = Self.twoRuns()
        let path = ModelSession.temporaryFile("compare.svg")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = session.run("plot compare accuracy svg=\(path)")
        #expect(output.unwrapped == "wrote \(path): val_accuracy of 2 runs on one axis ")
        let text = try String(contentsOfFile: path, encoding: .utf8)

        /// Counts the drawing elements of the document, per panel (`g`).
        final class Shapes: NSObject, XMLParserDelegate {
            var panels: [[String: Int]] = []
            var curveColors: [String] = []
            var texts: [String] = []
            private var inText = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "g" { panels.append([:]) }
                if !panels.isEmpty { panels[panels.count - 1][name, default: 0] += 1 }
                if name == "polyline", let color = attributes["stroke"] { curveColors.append(color) }
                inText = name == "text"
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { texts.append(string) } }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                inText = false
            }
        }
        let shapes = Shapes()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = shapes
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(shapes.panels.count == 1)  // one axis
        #expect(shapes.curveColors.count == 2 && Set(shapes.curveColors).count == 2)  // two curves, two colours
        #expect(shapes.panels[0]["circle"] == 2 + 3 + 2)  // a marker per epoch, one per legend entry
        #expect(shapes.texts.contains("run 1 (baseline)") && shapes.texts.contains("run 2 (large rate)"))
        #expect(shapes.texts.contains("val_accuracy of every run"))

        let xmllint = "/usr/bin/xmllint"
        if FileManager.default.isExecutableFile(atPath: xmllint) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: xmllint)
            process.arguments = ["--noout", path]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
    }

    @Test func plotCompareInTheTerminalDrawsEachRunWithItsNumber() {
        let session = Self.twoRuns()
        let output = session.run("plot compare")
        #expect(session.lastSucceeded, "\(output)")
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(output)")
        #expect(lines.first == "val_loss of every run")
        #expect(output.contains("val_accuracy of every run"))
        #expect(output.contains("111 run 1 (baseline)   222 run 2 (large rate)"))
        let plot = lines.filter { $0.contains("|") || $0.contains("+") }.joined()
        #expect(plot.contains("1") && plot.contains("22"))
        // Where the curves meet, run 1 (the first, the reference) is on top.
        var history = TrainingHistory()
        history.validationLoss = [1, 0.5]
        history.validationAccuracy = [0.5, 0.7]
        var same = TrainingRuns()
        for number in 1...2 {
            same.append(TrainingRun(number: number, name: nil, architecture: [], parameters: 1, optimizer: "adam",
                                    learningRate: 0.001, batchSize: 32, seed: number, examplesPerEpoch: 1,
                                    firstEpoch: 1, history: history, seconds: 1, ending: nil))
        }
        let chart = RunComparison.lines(same, metrics: [.loss], capabilities: .plain).dropLast(3).joined()
        #expect(chart.contains("111") && !chart.contains("2"), "\(chart)")
    }

    @Test func aLongLegendWrapsAndLongNamesAreCutToFit() {
        var runs = TrainingRuns()
        for number in 1...7 {
            var history = TrainingHistory()
            history.loss = [1, 0.5]
            history.accuracy = [0.5, 0.7]
            history.validationLoss = [1.1, Double(number) / 10]
            history.validationAccuracy = [0.5, 0.6]
            runs.append(TrainingRun(number: number, name: "experiment number \(number) with a long name",
                                    architecture: [], parameters: 360_458, optimizer: "adam", learningRate: 0.001,
                                    batchSize: 32, seed: number, examplesPerEpoch: 12_000, firstEpoch: 1,
                                    history: history, seconds: 3725, ending: number == 7 ? "stopped" : nil))
        }
        let table = RunsTable.lines(runs, capabilities: .plain)
        #expect(table.allSatisfy { $0.count <= 80 }, "\(table.joined(separator: "\n"))")
        #expect(table[2].hasPrefix("1 experimen~  360,458") && table[2].hasSuffix("1h02m"), "\(table.joined(separator: "\n"))")
        #expect(table.contains("run 1: experiment number 1 with a long name"))
        #expect(table.last == "run 7 was stopped with Ctrl-C after 2 complete epochs.")
        let chart = RunComparison.lines(runs, metrics: [.loss], capabilities: .plain)
        #expect(chart.allSatisfy { $0.count <= 80 }, "\(chart.joined(separator: "\n"))")
        #expect(chart.filter { $0.contains(" run ") }.count >= 4)
        let svg = RunComparison.svg(runs, metrics: [.loss, .accuracy], title: "seven")
        #expect(svg.contains("height=\"520\""))  // seven legend rows of 20 under the 400 of one
    }

    @Test func runsSurviveAnEncodeDecodeRoundTrip() throws {
        let session = Self.twoRuns()
        let data = try JSONEncoder().encode(session.workspace.runs)
        #expect(try JSONDecoder().decode(TrainingRuns.self, from: data) == session.workspace.runs)
    }

    @Test(arguments: [
        ("train name=", "error: train: name= needs a name, e.g. name=baseline"),
        ("train name=\(String(repeating: "x", count: 41))", "error: train: a run's name has at most 40 characters, got 41"),
        ("train name=\"a\u{7}b\"", "error: train: a run's name must be printable characters"),
    ])
    func badNamesAreCleanErrors(line: String, expected: String) {
        let session = ModelSession()
        session.run("data sample", "model tutorial", "compile")
        let output = session.run(line)
        #expect(output.hasPrefix(expected), "\(output)")
        #expect(session.workspace.runs.runs.isEmpty)
    }

    @Test func withoutRunsTheCommandsSaySo() {
        let session = ModelSession()
        #expect(session.run("runs").hasPrefix("error: runs: no runs yet: every 'train' is one"))
        #expect(session.run("plot compare").hasPrefix("error: plot: no runs yet"))
        #expect(session.run("plot compare sideways").hasPrefix("error: plot: the metric must be loss or accuracy, got 'sideways'"))
        #expect(session.run("runs 3").hasPrefix("error: runs: unexpected argument '3'"))
    }
}

@Suite struct RunsPersistenceTests {
    @Test func aLessonsRunsAreSavedAndRestoredWithItsScope() throws {
        let model = ModelSession()
        model.run("data sample", "model tutorial", "compile", "train epochs=1 limit=64 name=kept")
        let scope = Scope(lesson: 6, workspace: model.workspace)
        try LessonScopeStore.save(scope, lesson: 6, includingModel: true, in: model.session)
        let restored = try #require(LessonScopeStore.load(lesson: 6, in: model.session) { Issue.record("\($0)") })
        #expect(restored.workspace.runs == model.workspace.runs)
        #expect(restored.workspace.runs.runs.map(\.name) == ["kept"])
    }
}
