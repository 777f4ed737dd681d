import Datasets

/// Where commands that look at one image find it: the loaded sets, or for test images the
/// bundled sample when nothing is loaded.
enum TestImages {
    /// Which of the two sets.
    enum Split: String { case train, test }

    /// The images of `split`: the loaded set, or (test only) the bundled 1,000 with
    /// `isSample` true. Training images need `data` first.
    static func images(_ split: Split, in session: Session) throws -> (images: LabeledImages, isSample: Bool) {
        switch split {
        case .train:
            guard let images = session.workspace.trainingSet else {
                throw CommandError("no training images loaded: run 'data' first")
            }
            return (images, false)
        case .test:
            if let images = session.workspace.testSet { return (images, false) }
            do {
                return (try FashionMNIST.sample(), true)
            } catch {
                throw CommandError("no data loaded and the bundled sample cannot be read: \(error)")
            }
        }
    }

    /// The note printed when the bundled sample stood in for the test set.
    static func sampleNote(_ images: LabeledImages) -> String {
        "(no data loaded: using the \(NumberFormat.grouped(images.count)) bundled test images; 'data' loads them all)"
    }

    /// The name of class `label`, or "class N" for a label beyond Fashion-MNIST's ten.
    static func className(_ label: Int) -> String {
        FashionMNIST.classNames.indices.contains(label) ? FashionMNIST.classNames[label] : "class \(label)"
    }

    /// Image `index` of `images` as a map of bytes.
    static func map(_ images: LabeledImages, _ index: Int) -> PixelMap {
        PixelMap(rows: images.rows, columns: images.columns, bytes: images.pixels(at: index))
    }
}
