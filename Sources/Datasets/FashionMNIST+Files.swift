import Foundation

extension FashionMNIST {
    /// The four files' names without `.gz`, with the size and SHA-256 of their decompressed
    /// bytes (from the dataset's README; re-compressed copies differ as gzip, not here).
    public struct FileInfo: Sendable, Equatable {
        public let name: String
        public let byteCount: Int
        public let sha256: String

        public init(name: String, byteCount: Int, sha256: String) {
            self.name = name
            self.byteCount = byteCount
            self.sha256 = sha256
        }
    }

    public static let trainingImagesFile = FileInfo(name: "train-images-idx3-ubyte", byteCount: 47_040_016,
        sha256: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888")
    public static let trainingLabelsFile = FileInfo(name: "train-labels-idx1-ubyte", byteCount: 60_008,
        sha256: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9")
    public static let testImagesFile = FileInfo(name: "t10k-images-idx3-ubyte", byteCount: 7_840_016,
        sha256: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b")
    public static let testLabelsFile = FileInfo(name: "t10k-labels-idx1-ubyte", byteCount: 10_008,
        sha256: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")

    /// All four, in download order.
    public static let files = [trainingImagesFile, trainingLabelsFile, testImagesFile, testLabelsFile]

    /// Where Debian's and Ubuntu's `dataset-fashion-mnist` package installs the files.
    public static let systemDirectory = "/usr/share/datasets/fashion-mnist"

    /// The path of `file` in `directory`: the plain file if present, else its `.gz`; nil if neither.
    public static func path(of file: FileInfo, in directory: String) -> String? {
        let plain = directory + "/" + file.name
        for candidate in [plain, plain + ".gz"] where isRegularFile(candidate) { return candidate }
        return nil
    }

    /// Whether `directory` holds all four files (each plain or gzip).
    public static func isComplete(_ directory: String) -> Bool {
        files.allSatisfy { path(of: $0, in: directory) != nil }
    }

    /// Loads the training and test sets from `directory`, checking each file and that both
    /// sets have the same image size.
    public static func load(from directory: String) throws -> (training: LabeledImages, test: LabeledImages) {
        func required(_ file: FileInfo) throws -> String {
            guard let path = path(of: file, in: directory) else {
                throw DatasetError(file: "", "\(directory) has no \(file.name) (or \(file.name).gz)")
            }
            return path
        }
        let training = try LabeledImages(imagesAt: required(trainingImagesFile), labelsAt: required(trainingLabelsFile))
        let test = try LabeledImages(imagesAt: required(testImagesFile), labelsAt: required(testLabelsFile))
        guard training.rows == test.rows, training.columns == test.columns else {
            throw DatasetError(file: "", "training images are \(training.rows)x\(training.columns) but test images are \(test.rows)x\(test.columns)")
        }
        return (training, test)
    }

    static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
