import Datasets
import Foundation
import Testing
@testable import Notebook

/// `data`, `data load`, `data sample`, `data download` through the interpreter.
@Suite struct DataCommandTests {
    final class Output { var text = "" }

    /// A plain session whose cache is a fresh directory; `dataDirectory` plays `--data`.
    func makeSession(dataDirectory: String? = nil, environment: [String: String] = [:]) -> (Session, Output) {
        let output = Output()
        let cache = NSTemporaryDirectory() + "convbook-data-cache-" + UUID().uuidString
        let session = Session(console: Console(capabilities: .plain) { output.text += $0 }, environment: environment,
                              paths: Paths(stateDirectory: cache, cacheDirectory: cache, explicitDataDirectory: dataDirectory))
        return (session, output)
    }

    /// A directory with the four files: 6 training and 3 test images of 2x2, plain IDX.
    func makeDataDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "convbook-data-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func idx(_ dimensions: [UInt32], _ body: [UInt8]) -> Data {
            Data([0, 0, 8, UInt8(dimensions.count)] + dimensions.flatMap { withUnsafeBytes(of: $0.bigEndian, Array.init) } + body)
        }
        let files = [idx([6, 2, 2], Array(repeating: 7, count: 24)), idx([6], [0, 1, 2, 3, 4, 5]),
                     idx([3, 2, 2], Array(repeating: 9, count: 12)), idx([3], [9, 8, 7])]
        for (file, contents) in zip(FashionMNIST.files, files) {
            FileManager.default.createFile(atPath: directory + "/" + file.name, contents: contents)
        }
        return directory
    }

    @Test func sampleLoadsTheBundledImagesSplit800To200() {
        let (session, output) = makeSession()
        #expect(Interpreter(session: session).execute("data sample"))
        #expect(output.text.unwrapped == """
            the bundled Fashion-MNIST sample (the first 1,000 test images: 800 to train, 200 to test)
            x_train shape: (800, 28, 28, 1)
            y_train shape: (800,)
            x_test shape:  (200, 28, 28, 1)
            y_test shape:  (200,)
            number of classes K = 10
            pixels are 0-255, scaled to 0-1 (x / 255.0) when fed to the model

            """.unwrapped)
        #expect(session.workspace.trainingSet?.count == 800)
        #expect(session.workspace.testSet?.labels.first == 7)  // test image 800 of Fashion-MNIST (Sneaker)
        #expect(session.workspace.dataDescription?.hasPrefix("the bundled") == true)
    }

    @Test func loadFindsTheExplicitDirectory() throws {
        let directory = try makeDataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for line in ["data", "data load", "DATA LOAD"] {
            let (session, output) = makeSession(dataDirectory: directory)
            #expect(Interpreter(session: session).execute(line))
            #expect(output.text.unwrapped == """
                Fashion-MNIST from \(directory) (--data / CONVBOOK_DATA)
                x_train shape: (6, 2, 2, 1)
                y_train shape: (6,)
                x_test shape:  (3, 2, 2, 1)
                y_test shape:  (3,)
                number of classes K = 6
                pixels are 0-255, scaled to 0-1 (x / 255.0) when fed to the model

                """.unwrapped)
            #expect(session.workspace.testSet?.labels == [9, 8, 7])
        }
    }

    @Test func aBrokenExplicitDirectoryIsAnError() throws {
        let directory = try makeDataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.removeItem(atPath: directory + "/t10k-labels-idx1-ubyte")
        let (session, output) = makeSession(dataDirectory: directory)
        #expect(!Interpreter(session: session).execute("data"))
        #expect(output.text.unwrapped == """
            error: data: data directory \(directory) lacks t10k-labels-idx1-ubyte (plain or .gz)
            usage: data [load|sample|download]

            """.unwrapped)
        #expect(session.workspace.trainingSet == nil)
    }

    @Test func aCorruptFileIsNamed() throws {
        let directory = try makeDataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        FileManager.default.createFile(atPath: directory + "/train-labels-idx1-ubyte", contents: Data([0, 0, 8, 1, 0, 0, 0, 6, 1, 2, 3, 4, 5, 10]))
        let (session, output) = makeSession(dataDirectory: directory)
        #expect(!Interpreter(session: session).execute("data"))
        #expect(output.text.hasPrefix("error: data: train-labels-idx1-ubyte: label 10 of image 5 is outside 0-9\n"))
    }

    @Test func wrongWords() {
        let (session, output) = makeSession()
        #expect(!Interpreter(session: session).execute("data fetch"))
        #expect(!Interpreter(session: session).execute("data load now"))
        #expect(!Interpreter(session: session).execute("data seed=1"))
        #expect(output.text == """
            error: data: the action must be load, sample or download, got 'fetch'
            usage: data [load|sample|download]
            error: data: unexpected argument 'now'
            usage: data [load|sample|download]
            error: data: unknown option 'seed=' (this takes no options)
            usage: data [load|sample|download]

            """)
    }

    @Test func downloadWithNobodyListeningIsACleanError() {
        let (session, output) = makeSession(environment: ["CONVBOOK_DATA_URL": "http://127.0.0.1:9"])
        defer { try? FileManager.default.removeItem(atPath: session.paths.cacheDirectory) }
        #expect(!Interpreter(session: session).execute("data download"))
        let lines = output.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "downloading Fashion-MNIST from http://127.0.0.1:9/")
        #expect(output.text.unwrapped.contains("error: data: train-images-idx3-ubyte.gz: download from http://127.0.0.1:9/train-images-idx3-ubyte.gz failed: "))
        #expect(session.workspace.trainingSet == nil)
    }

    @Test func progressBarFitsAndFills() {
        let half = DataDownload.bar("t10k-labels-idx1-ubyte.gz", 50, 100, width: 80, unicode: false)
        #expect(half == "  t10k-labels-idx1-ubyte.gz [==================                   ] 0.0/0.0 MB")
        #expect(half.count <= 80)
        #expect(DataDownload.bar("x.gz", 3_000_000, nil, width: 40, unicode: true).hasSuffix("] 3.0 MB"))
    }
}
