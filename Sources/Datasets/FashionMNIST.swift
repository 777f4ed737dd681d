import Foundation

/// Fashion-MNIST (Zalando Research, MIT licence): 28x28 greyscale images of clothing in 10
/// classes, 60,000 for training and 10,000 for testing, as four IDX files.
public enum FashionMNIST {
    /// The class names, indexed by label.
    public static let classNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// The first 1,000 test images and labels, bundled with the program (no download needed).
    public static func sample() throws -> LabeledImages {
        try LabeledImages(imagesAt: samplePath(testImagesFile), labelsAt: samplePath(testLabelsFile))
    }

    /// The path of the bundled sample's copy of `file` (gzip).
    static func samplePath(_ file: FileInfo) throws -> String {
        let directory = "fashion-mnist-sample"
        guard let path = Bundle.module.path(forResource: file.name, ofType: "gz", inDirectory: directory) else {
            throw DatasetError(file: file.name + ".gz", "the bundled sample is missing from \(Bundle.module.bundlePath)")
        }
        return path
    }
}
