extension LabeledImages {
    /// Reads an images file (IDX, 3 dimensions: count, rows, columns) and its labels file
    /// (IDX, 1 dimension), plain or gzip, and checks that they agree.
    ///
    /// Throws `DatasetError` naming the file at fault: see `IDXFile` for the format checks;
    /// here also that labels are 0-9 and that there are as many labels as images.
    public init(imagesAt imagesPath: String, labelsAt labelsPath: String) throws {
        try self.init(images: IDXFile(contentsOf: imagesPath, dimensionCount: 3),
                      imagesName: DatasetError.name(of: imagesPath),
                      labels: IDXFile(contentsOf: labelsPath, dimensionCount: 1),
                      labelsName: DatasetError.name(of: labelsPath))
    }

    /// The same from bytes in memory (tests, fuzzing); the names are used in errors.
    public init(imageBytes: [UInt8], labelBytes: [UInt8],
                imagesName: String = "images", labelsName: String = "labels") throws {
        try self.init(images: IDXFile(bytes: imageBytes, name: imagesName, dimensionCount: 3),
                      imagesName: imagesName,
                      labels: IDXFile(bytes: labelBytes, name: labelsName, dimensionCount: 1),
                      labelsName: labelsName)
    }

    private init(images: IDXFile, imagesName: String, labels: IDXFile, labelsName: String) throws {
        let (imageCount, rows, columns) = (images.dimensions[0], images.dimensions[1], images.dimensions[2])
        guard rows > 0, columns > 0 else {
            throw DatasetError(file: imagesName, "image size \(rows)x\(columns) is empty")
        }
        guard imageCount > 0 else { throw DatasetError(file: imagesName, "holds no images") }
        guard labels.dimensions[0] == imageCount else {
            throw DatasetError(file: labelsName, "has \(labels.dimensions[0]) labels but \(imagesName) has \(imageCount) images")
        }
        if let bad = labels.bytes.firstIndex(where: { Int($0) >= Self.classCount }) {
            throw DatasetError(file: labelsName, "label \(labels.bytes[bad]) of image \(bad) is outside 0-\(Self.classCount - 1)")
        }
        self.init(rows: rows, columns: columns, pixels: images.bytes, labels: labels.bytes)
    }
}
