import Datasets
import Dispatch

/// `data`: find and load Fashion-MNIST, or the bundled sample, or download it.
enum DataCommand: Command {
    static let name = "data"
    static let changes = ScopeChange.demoOrData
    static let forms = [
        CommandForm(nil, [.optional("load|sample|download", .choice(["load", "sample", "download"]), label: "the action")]),
    ]
    static let summary = "find and load Fashion-MNIST, or the bundled sample"
    static let discussion = """
        data, data load   find the full Fashion-MNIST (60,000 training and 10,000 test
                          images) and load it, printing the shapes as the tutorial does.
                          Looked for in: --data DIR or CONVBOOK_DATA (an error if broken),
                          $XDG_CACHE_HOME/convbook/fashion-mnist (where 'data download'
                          puts it), /usr/share/datasets/fashion-mnist (Debian/Ubuntu
                          package dataset-fashion-mnist). Files: *-ubyte or *-ubyte.gz.
        data sample       the first 1,000 test images, bundled with convbook: the first
                          800 for training, the last 200 for testing. No download needed.
        data download     fetch the four files into the cache, with a progress bar, and
                          check each one's SHA-256. CONVBOOK_DATA_URL overrides the address
                          (default \(FashionMNISTDownloader.officialBaseURL)).
        """
    static let examples = ["data"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        switch invocation.word("load|sample|download") ?? "load" {
        case "sample": try loadSample(in: session)
        case "download": try DataDownload.run(in: session)
        default: try load(in: session)
        }
    }

    /// The directory `data download` fills and `data load` looks in second.
    static func cacheDirectory(in session: Session) -> String {
        session.paths.cacheDirectory + "/fashion-mnist"
    }

    static func load(in session: Session) throws {
        let location: FashionMNIST.Location?
        do {
            location = try FashionMNIST.locate(explicitDirectory: session.paths.explicitDataDirectory,
                                               cacheDirectory: cacheDirectory(in: session))
        } catch let error as DatasetError {
            throw CommandError(error.description)
        }
        guard let location else {
            throw CommandError("Fashion-MNIST not found (looked in \(cacheDirectory(in: session)) and \(FashionMNIST.systemDirectory)); 'data download' fetches it, 'data sample' uses the bundled 1,000 images")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let sets: (training: LabeledImages, test: LabeledImages)
        do {
            sets = try FashionMNIST.load(from: location.directory)
        } catch let error as DatasetError {
            throw CommandError(error.description)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let origin: String
        switch location.origin {
        case .explicit: origin = "--data / CONVBOOK_DATA"
        case .cache: origin = "the download cache"
        case .system: origin = "package dataset-fashion-mnist"
        }
        store(sets.training, sets.test, description: "Fashion-MNIST from \(location.directory) (\(origin))", in: session)
        // Timing only on a terminal, so plain output stays the same from run to run.
        if session.isInteractive {
            session.console.line(session.console.styled("loaded in \(String(format: "%.2f", seconds)) s", "2"))
        }
    }

    private static func loadSample(in session: Session) throws {
        let sample: LabeledImages
        do {
            sample = try FashionMNIST.sample()
        } catch let error as DatasetError {
            throw CommandError(error.description)
        }
        store(sample.slice(0..<800), sample.slice(800..<sample.count),
              description: "the bundled Fashion-MNIST sample (the first 1,000 test images: 800 to train, 200 to test)",
              in: session)
    }

    /// Keeps the sets in the workspace and prints them as the tutorial does.
    private static func store(_ training: LabeledImages, _ test: LabeledImages, description: String, in session: Session) {
        session.workspace.trainingSet = training
        session.workspace.testSet = test
        session.workspace.dataDescription = description
        let console = session.console
        console.line(description)
        console.line("x_train shape: (\(training.count), \(training.rows), \(training.columns), 1)")
        console.line("y_train shape: (\(training.count),)")
        console.line("x_test shape:  (\(test.count), \(test.rows), \(test.columns), 1)")
        console.line("y_test shape:  (\(test.count),)")
        // As the tutorial counts them: K = len(set(y_train)).
        console.line("number of classes K = \(Set(training.labels).count)")
        console.line("pixels are 0-255, scaled to 0-1 (x / 255.0) when fed to the model")
    }
}
