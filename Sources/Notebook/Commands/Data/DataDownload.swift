import Datasets
import Foundation
import TensorCore

/// `data download`: fetches the four Fashion-MNIST files into the cache, with a progress
/// bar on a terminal and one line per file elsewhere.
enum DataDownload {
    static func run(in session: Session) throws {
        let directory = DataCommand.cacheDirectory(in: session)
        let downloader = FashionMNISTDownloader(directory: directory, baseURL: session.environment["CONVBOOK_DATA_URL"])
        let console = session.console
        console.line("downloading Fashion-MNIST from \(downloader.baseURL)")
        console.line("into \(directory)")
        Interruption.clear()
        for file in FashionMNIST.files {
            let name = file.name + ".gz"
            let outcome: FashionMNISTDownloader.Outcome
            do {
                outcome = try downloader.fetch(file, progress: { received, expected in
                    if session.isInteractive { console.write("\r" + bar(name, received, expected, width: console.capabilities.width, unicode: console.capabilities.unicode)) }
                }, shouldCancel: { Interruption.isRequested })
            } catch {
                if session.isInteractive { console.line() }
                throw CommandError("\(error)")
            }
            if session.isInteractive {  // blank out the bar (spaces: no escape sequence needed)
                console.write("\r" + String(repeating: " ", count: max(0, console.capabilities.width - 1)) + "\r")
            }
            switch outcome {
            case .alreadyPresent:
                console.line("  \(name): already there, SHA-256 verified")
            case let .downloaded(byteCount):
                console.line("  \(name): \(size(byteCount)), SHA-256 verified")
            }
        }
        console.line("done: 'data' loads it")
    }

    /// `name  [=====     ]  12.3/26.4 MB` fitted to `width` columns.
    static func bar(_ name: String, _ received: Int, _ expected: Int?, width: Int, unicode: Bool) -> String {
        let amount = expected.map { "\(megabytes(received))/\(megabytes($0)) MB" } ?? "\(megabytes(received)) MB"
        let barWidth = max(10, min(40, width - name.count - amount.count - 8))
        let fraction = expected.map { min(1, Double(received) / Double(max($0, 1))) } ?? 0
        let filled = Int(fraction * Double(barWidth))
        let (full, empty) = unicode ? ("\u{2588}", "\u{2591}") : ("=", " ")
        return "  \(name) [" + String(repeating: full, count: filled) + String(repeating: empty, count: barWidth - filled) + "] " + amount
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1e6)
    }

    /// `26.4 MB` or `29.5 kB`.
    static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? megabytes(bytes) + " MB" : String(format: "%.1f kB", Double(bytes) / 1e3)
    }
}
