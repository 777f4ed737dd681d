/// The `conv demo`'s image, kernel, stride and padding, and how far the kernel has slid.
///
/// Windows are numbered row by row: window w sits at output cell (w / outputColumns,
/// w % outputColumns) and covers padded rows row*stride ..< row*stride + kernel rows (likewise
/// columns). `featureMap[r][c]` is nil until that window has been shown.
public final class ConvDemoState {
    /// The default image: a bright region on the left, dark on the right, so the default
    /// vertical-edge kernel (sobel-x) lights up along the boundary.
    static let defaultImage = ConvMatrix([
        [2, 3, 3, 0, 1],
        [3, 2, 3, 1, 0],
        [3, 3, 2, 0, 0],
        [2, 3, 3, 1, 0],
        [3, 2, 3, 0, 1],
    ])

    var image = ConvDemoState.defaultImage
    var kernel = NamedKernel.sobelX.matrix
    /// The name of the kernel when it is a named one.
    var kernelName: NamedKernel? = .sobelX
    private(set) var stride = 1
    private(set) var padding = 0
    /// The next window to show; `windowCount` once all have been shown.
    private(set) var nextWindow = 0
    private(set) var featureMap: [[Double?]] = []
    /// Whether a demo has been started with the current image and kernel.
    private(set) var isStarted = false
    /// The `conv grad` walk that `conv step` and `conv run` advance, when it was started last.
    var gradientWalk: ConvGradientWalk?

    public init() {}

    var outputRows: Int { ConvolutionArithmetic.outputSize(input: image.rowCount, kernel: kernel.rowCount, stride: stride, padding: padding) ?? 0 }
    var outputColumns: Int { ConvolutionArithmetic.outputSize(input: image.columnCount, kernel: kernel.columnCount, stride: stride, padding: padding) ?? 0 }
    var windowCount: Int { outputRows * outputColumns }

    /// Starts over with `stride` and `padding`; fails if the kernel does not fit the padded image.
    func start(stride: Int, padding: Int) throws {
        for (what, size, kernelSize) in [("rows", image.rowCount, kernel.rowCount), ("columns", image.columnCount, kernel.columnCount)]
        where kernelSize > size + 2 * padding {
            throw CommandError("the kernel (\(kernel.rowCount)x\(kernel.columnCount)) is larger than the padded image:"
                + " \(size) + 2*\(padding) = \(size + 2 * padding) \(what); use a smaller kernel or padding=\((kernelSize - size + 1) / 2)")
        }
        self.stride = stride
        self.padding = padding
        nextWindow = 0
        featureMap = Array(repeating: Array(repeating: nil, count: outputColumns), count: outputRows)
        isStarted = true
    }

    /// Forgets the demo in progress (after the image or kernel changes).
    func stop() {
        isStarted = false
        gradientWalk = nil
        nextWindow = 0
        featureMap = []
    }

    /// The output cell of window `index`.
    func cell(ofWindow index: Int) -> (row: Int, column: Int) {
        (index / outputColumns, index % outputColumns)
    }

    /// The padded values under window `index`, kernel-sized.
    func windowValues(_ index: Int) -> [[Double]] {
        let (row, column) = cell(ofWindow: index)
        return (0..<kernel.rowCount).map { i in
            (0..<kernel.columnCount).map { j in
                image.paddedValue(row: row * stride + i - padding, column: column * stride + j - padding)
            }
        }
    }

    /// The element-wise products of window `index` and the kernel.
    func products(_ index: Int) -> [[Double]] {
        zip(windowValues(index), kernel.rows).map { zip($0, $1).map { $0 * $1 } }
    }

    /// Every cell of the feature map, computed at once (the values the windows will show).
    func completeFeatureMap() -> [[Double]] {
        (0..<outputRows).map { row in
            (0..<outputColumns).map { column in products(row * outputColumns + column).joined().reduce(0, +) }
        }
    }

    /// Computes the next window into the feature map and returns its index.
    func advance() -> Int {
        precondition(isStarted && nextWindow < windowCount, "advance past the last window (\(nextWindow) of \(windowCount))")
        let index = nextWindow
        let (row, column) = cell(ofWindow: index)
        featureMap[row][column] = products(index).joined().reduce(0, +)
        nextWindow += 1
        return index
    }
}
