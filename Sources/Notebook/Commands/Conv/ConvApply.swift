import Datasets

/// `conv apply KERNEL INDEX`: a kernel slid over a real Fashion-MNIST image from the bundled
/// sample (pixels scaled to 0...1, as the tutorial normalises them), without padding,
/// stride 1; the image and the feature map drawn side by side.
enum ConvApply {
    static func run(_ invocation: Invocation, in session: Session) throws {
        let kernelText = invocation.word(required: "KERNEL")
        let (kernel, named) = try NamedKernel.matrix(parsing: kernelText, what: "kernel")
        let images: LabeledImages
        do {
            images = try FashionMNIST.sample()
        } catch {
            throw CommandError("cannot read the bundled Fashion-MNIST sample: \(error)")
        }
        guard images.count > 0, images.rows >= kernel.rowCount, images.columns >= kernel.columnCount else {
            throw CommandError("the kernel (\(kernel.rowCount)x\(kernel.columnCount)) does not fit the sample's images")
        }
        let index = try invocation.index("INDEX", below: images.count)
        let label = Int(images.labels[index])
        let image = images.pixels(at: index).map { Double($0) / 255 }
        let map = featureMap(image: image, rows: images.rows, columns: images.columns, kernel: kernel)

        let console = session.console
        let className = label < FashionMNIST.classNames.count ? FashionMNIST.classNames[label] : "label \(label)"
        console.line("image \(index) of the bundled sample: \(className), \(images.rows)x\(images.columns), pixels scaled to 0...1")
        console.line("kernel \(kernel.rowCount)x\(kernel.columnCount)" + (named.map { ": \($0.rawValue)" } ?? ""))
        if let named { console.line("  (\(named.explanation))") }
        console.line("feature map, stride 1, no padding:")
        console.line("  rows    " + DimsCommand.formula(input: images.rows, kernel: kernel.rowCount, stride: 1, padding: 0))
        console.line("  columns " + DimsCommand.formula(input: images.columns, kernel: kernel.columnCount, stride: 1, padding: 0))
        let values = map.values.joined()
        console.line("  values from \(NumberFormat.decimal(values.min() ?? 0, maximumFractionDigits: 2))"
            + " to \(NumberFormat.decimal(values.max() ?? 0, maximumFractionDigits: 2)), drawn by sign: zero is blank")
        console.line()
        let capabilities = console.capabilities
        let input = PixelMap(rows: images.rows, columns: images.columns, bytes: images.pixels(at: index))
        let mosaic = TextMosaic(tiles: [
            .init(lines: ImageRenderer.lines(input, capabilities: capabilities), width: input.columns, caption: "input"),
            .init(lines: SignedMapRenderer.lines(map.values, capabilities: capabilities), width: map.columns,
                  caption: "feature map"),
        ], gap: 4)
        for line in mosaic.lines(width: capabilities.width - 2) { console.line(line.isEmpty ? "" : "  " + line) }
        let largest = values.map(\.magnitude).max() ?? 0
        for line in SignedMapRenderer.key(largest: largest, width: min(capabilities.width, 80) - 2) { console.line("  " + line) }
    }

    /// The valid cross-correlation of a `rows` x `columns` image (row-major) with `kernel`.
    static func featureMap(image: [Double], rows: Int, columns: Int, kernel: ConvMatrix)
        -> (rows: Int, columns: Int, values: [[Double]]) {
        let outputRows = rows - kernel.rowCount + 1
        let outputColumns = columns - kernel.columnCount + 1
        let values = (0..<max(outputRows, 0)).map { row in
            (0..<max(outputColumns, 0)).map { column in
                var sum = 0.0
                for i in 0..<kernel.rowCount {
                    for j in 0..<kernel.columnCount {
                        sum += image[(row + i) * columns + column + j] * kernel.rows[i][j]
                    }
                }
                return sum
            }
        }
        return (max(outputRows, 0), max(outputColumns, 0), values)
    }
}
