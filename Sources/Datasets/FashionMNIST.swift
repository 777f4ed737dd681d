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
    ///
    /// Found without `Bundle.module`, whose accessor stops the program when the resource
    /// bundle is missing (a binary copied away from its build directory): looked for next to
    /// the executable (`convbook_Datasets.resources`, or `.bundle` on Apple platforms, also
    /// through a symbolic link), then in the source tree it was built from.
    static func samplePath(_ file: FileInfo) throws -> String {
        let name = file.name + ".gz"
        for directory in sampleDirectories {
            let path = directory + "/" + name
            if isRegularFile(path) { return path }
        }
        throw DatasetError(file: name, "the bundled sample is missing (looked in \(sampleDirectories.first ?? "nothing"))")
    }

    private static var sampleDirectories: [String] {
        var programDirectories = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL {
            programDirectories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        var directories: [String] = []
        for directory in programDirectories {
            for bundle in ["convbook_Datasets.resources", "convbook_Datasets.bundle", "convbook_Datasets.bundle/Contents/Resources"] {
                directories.append(directory.appendingPathComponent(bundle).path + "/fashion-mnist-sample")
            }
        }
        // This file is Sources/Datasets/FashionMNIST.swift: the resources sit beside it.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        directories.append(sources.appendingPathComponent("Resources/fashion-mnist-sample").path)
        return directories
    }
}
