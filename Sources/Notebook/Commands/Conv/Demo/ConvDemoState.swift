/// The `conv demo`'s image and kernel (one matrix per channel), its stride, padding, dilation,
/// bias and ReLU, and how far the kernel has slid: one neuron of a convolutional layer.
///
/// Shapes: `images` holds C matrices of IH x IW, `kernels` C matrices of KH x KW (C = 1...3,
/// the same C once a demo starts). Window w sits at output cell (w / outputColumns,
/// w % outputColumns) = (r, c); its tap (i, j) reads padded row r*stride + i*dilation and
/// padded column c*stride + j*dilation, that is image row r*stride + i*dilation - padding.top.
/// Output cell (r, c) = relu?(sum over channels of sum over taps of image * kernel + bias).
/// `featureMap[r][c]` is nil until that window has been shown.
public final class ConvDemoState {
    static let maximumChannels = 3
    /// The one-channel default image (see `ConvDemoDefaults`).
    static var defaultImage: ConvMatrix { ConvDemoDefaults.image }

    /// The image's channels, all the same shape.
    var images: [ConvMatrix] = [ConvDemoDefaults.image]
    /// The kernel's channels (one per image channel), all the same shape.
    var kernels: [ConvMatrix] = [NamedKernel.sobelX.matrix]
    /// Each kernel channel's name when it is a named one.
    var kernelNames: [NamedKernel?] = [.sobelX]
    /// Added to every window's sum over channels.
    private(set) var bias = 0.0
    /// Whether negative sums (after the bias) are clipped to 0.
    private(set) var relu = false
    private(set) var stride = 1
    private(set) var padding = ConvPadding.none
    /// The padding as asked for (`padding` is what it came to).
    private(set) var paddingChoice = PaddingChoice.valid
    private(set) var dilation = 1
    /// The next window to show; `windowCount` once all have been shown.
    private(set) var nextWindow = 0
    /// The output of each window shown so far (after bias and ReLU).
    private(set) var featureMap: [[Double?]] = []
    /// Whether a demo has been started with the current image and kernel.
    private(set) var isStarted = false
    /// The `conv grad` walk that `conv step` and `conv run` advance, when it was started last.
    var gradientWalk: ConvGradientWalk?
    /// The last `pool demo` over this image, which `pool step` and `pool run` advance.
    var pool: PoolDemoState?

    public init() {}

    /// The first (or only) channel of the image; setting it makes the image one channel.
    var image: ConvMatrix {
        get { images[0] }
        set { images = [newValue] }
    }

    /// The first (or only) channel of the kernel; setting it makes the kernel one unnamed channel.
    var kernel: ConvMatrix {
        get { kernels[0] }
        set { kernels = [newValue]; kernelNames = [nil] }
    }

    /// The name of a one-channel kernel, if it is a named one.
    var kernelName: NamedKernel? {
        get { kernels.count == 1 ? kernelNames[0] : nil }
        set { kernelNames = Array(repeating: nil, count: kernels.count); kernelNames[0] = newValue }
    }

    var channels: Int { images.count }
    /// The rows and columns a dilated kernel spans: dilation*(K-1) + 1.
    var spanRows: Int { ConvolutionArithmetic.effectiveKernel(kernel.rowCount, dilation: dilation) }
    var spanColumns: Int { ConvolutionArithmetic.effectiveKernel(kernel.columnCount, dilation: dilation) }
    var paddedRows: Int { padding.top + image.rowCount + padding.bottom }
    var paddedColumns: Int { padding.left + image.columnCount + padding.right }
    var outputRows: Int { paddedRows >= spanRows ? (paddedRows - spanRows) / stride + 1 : 0 }
    var outputColumns: Int { paddedColumns >= spanColumns ? (paddedColumns - spanColumns) / stride + 1 : 0 }
    var windowCount: Int { outputRows * outputColumns }

    /// Starts over with these settings; fails if the channels disagree or the kernel does not
    /// fit the padded image.
    func start(stride: Int, padding: PaddingChoice = .valid, dilation: Int = 1, bias: Double = 0, relu: Bool = false) throws {
        guard images.count == kernels.count else {
            throw CommandError("the image has \(channelCount(images.count)) and the kernel \(channelCount(kernels.count)):"
                + " give both one matrix per channel, or 'conv demo channels=\(images.count)' for the default kernels")
        }
        self.dilation = dilation
        let resolved: ConvPadding
        switch padding {
        case .valid: resolved = .none
        case .explicit(let count): resolved = .uniform(count)
        case .same:
            resolved = .same(rows: image.rowCount, columns: image.columnCount, spanRows: spanRows, spanColumns: spanColumns,
                             stride: stride)
        }
        for (what, size, before, after, span) in [("rows", image.rowCount, resolved.top, resolved.bottom, spanRows),
                                                 ("columns", image.columnCount, resolved.left, resolved.right, spanColumns)]
        where span > size + before + after {
            let kernelText = dilation > 1 ? "the dilated kernel (\(span) \(what))" : "the kernel (\(kernel.rowCount)x\(kernel.columnCount))"
            throw CommandError("\(kernelText) is larger than the padded image:"
                + " \(size) + \(before) + \(after) = \(size + before + after) \(what); use a smaller kernel or padding=\((span - size + 1) / 2)")
        }
        self.stride = stride
        self.padding = resolved
        self.paddingChoice = padding
        self.bias = bias
        self.relu = relu
        nextWindow = 0
        featureMap = Array(repeating: Array(repeating: nil, count: outputColumns), count: outputRows)
        isStarted = true
    }

    /// Starts over with `padding` zeros on every side (no bias, no ReLU, no dilation).
    func start(stride: Int, padding: Int) throws {
        try start(stride: stride, padding: .explicit(padding))
    }

    private func channelCount(_ count: Int) -> String { "\(count) channel\(count == 1 ? "" : "s")" }

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

    /// The padded (row, column) of tap (i, j) of window `index`.
    func tap(_ i: Int, _ j: Int, ofWindow index: Int) -> (row: Int, column: Int) {
        let (row, column) = cell(ofWindow: index)
        return (row * stride + i * dilation, column * stride + j * dilation)
    }

    /// The value at a padded position of `channel`: 0 in the padding.
    func paddedValue(channel: Int, row: Int, column: Int) -> Double {
        images[channel].paddedValue(row: row - padding.top, column: column - padding.left)
    }

    /// The values of `channel` under window `index`'s taps, kernel-sized.
    func windowValues(_ index: Int, channel: Int = 0) -> [[Double]] {
        (0..<kernel.rowCount).map { i in
            (0..<kernel.columnCount).map { j in
                let (row, column) = tap(i, j, ofWindow: index)
                return paddedValue(channel: channel, row: row, column: column)
            }
        }
    }

    /// The element-wise products of window `index` and the kernel, in `channel`.
    func products(_ index: Int, channel: Int = 0) -> [[Double]] {
        zip(windowValues(index, channel: channel), kernels[channel].rows).map { zip($0, $1).map { $0 * $1 } }
    }

    /// The sum of `channel`'s products in window `index`.
    func channelSum(_ index: Int, channel: Int) -> Double {
        products(index, channel: channel).joined().reduce(0, +)
    }

    /// The sum over channels plus the bias: the neuron's value before ReLU.
    func preActivation(_ index: Int) -> Double {
        (0..<channels).map { channelSum(index, channel: $0) }.reduce(0, +) + bias
    }

    /// What window `index` writes into the feature map: the pre-activation, clipped at 0 with ReLU.
    func output(_ index: Int) -> Double {
        let value = preActivation(index)
        return relu ? max(0, value) : value
    }

    /// Every cell of the feature map, computed at once (the values the windows will show).
    func completeFeatureMap() -> [[Double]] {
        (0..<outputRows).map { row in (0..<outputColumns).map { column in output(row * outputColumns + column) } }
    }

    /// Computes the next window into the feature map and returns its index.
    func advance() -> Int {
        precondition(isStarted && nextWindow < windowCount, "advance past the last window (\(nextWindow) of \(windowCount))")
        let index = nextWindow
        let (row, column) = cell(ofWindow: index)
        featureMap[row][column] = output(index)
        nextWindow += 1
        return index
    }

    /// The 0-based image rows (`vertical`) or columns no tap of any window touches.
    func unvisited(vertical: Bool) -> [Int] {
        let (size, before, outputs, kernelSize) = vertical
            ? (image.rowCount, padding.top, outputRows, kernel.rowCount)
            : (image.columnCount, padding.left, outputColumns, kernel.columnCount)
        var visited = [Bool](repeating: false, count: size)
        for window in 0..<outputs {
            for tap in 0..<kernelSize {
                let position = window * stride + tap * dilation - before
                if visited.indices.contains(position) { visited[position] = true }
            }
        }
        return visited.indices.filter { !visited[$0] }
    }
}
