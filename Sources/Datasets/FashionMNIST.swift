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
        let directory = "fashion-mnist-sample"
        guard let images = Bundle.module.path(forResource: "t10k-images-idx3-ubyte", ofType: "gz", inDirectory: directory),
              let labels = Bundle.module.path(forResource: "t10k-labels-idx1-ubyte", ofType: "gz", inDirectory: directory)
        else {
            throw DatasetError(file: directory, "the bundled sample is missing from \(Bundle.module.bundlePath)")
        }
        return try LabeledImages(imagesAt: images, labelsAt: labels)
    }
}
