import NeuralNet
import TensorCore

/// One output cell of a `Conv2D` layer for one image, recomputed term by term (in Double)
/// from the layer's input, kernel and bias, beside the value the engine computed.
///
/// The window is the one `Im2col` copies for this output position, with the layer's own
/// `ConvolutionGeometry` (so `same` padding is split as TensorFlow splits it); positions over
/// the padding are 0. Invariant: `activation` equals `engineValue` up to float rounding.
struct ConvolutionCell {
    /// One input channel's share of the cell: the window, the kernel slice and their products,
    /// each `[KH * KW]` row-major.
    struct Channel {
        let index: Int
        let window: [Double]
        let kernel: [Double]
        var products: [Double] { zip(window, kernel).map { $0 * $1 } }
        var sum: Double { products.reduce(0, +) }
    }

    let layer: Conv2D
    let cell: ModelCell
    /// The window's first input row and column (0-based; negative over top/left padding).
    let top: Int
    let left: Int
    let channels: [Channel]
    let bias: Double
    /// The layer's output at this cell in the engine's forward pass: what `features` draws.
    let engineValue: Double

    /// Sum over every channel of the window times the kernel slice.
    var total: Double { channels.reduce(0) { $0 + $1.sum } }
    var preActivation: Double { total + bias }
    var activation: Double { layer.activation == .relu ? max(0, preActivation) : preActivation }
    /// Whether the window hangs over the zero padding.
    var touchesPadding: Bool {
        let g = layer.geometry
        return top < 0 || left < 0 || top + g.kernelHeight > g.inputHeight || left + g.kernelWidth > g.inputWidth
    }

    /// Computes `cell` of conv layer `layer` from the layer's `input` and `output`
    /// (`[1] + inputShape`, `[1] + outputShape`, as `ModelCell.inputAndOutput` gives them).
    init(layer: Conv2D, cell: ModelCell, input: Tensor, output: Tensor) {
        let g = layer.geometry
        precondition(input.shape == [1] + layer.inputShape && output.shape == [1] + layer.outputShape,
                     "ConvolutionCell: input \(input.shape), output \(output.shape) for \(layer.inputShape) -> \(layer.outputShape)")
        precondition((0..<g.outputHeight).contains(cell.row) && (0..<g.outputWidth).contains(cell.column)
                     && (0..<layer.filters).contains(cell.filter), "ConvolutionCell: no cell \(cell) in \(layer.outputShape)")
        self.layer = layer
        self.cell = cell
        let top = cell.row * g.stride - g.padTop, left = cell.column * g.stride - g.padLeft
        self.top = top
        self.left = left
        let x = input.scalars, w = layer.kernel.value.scalars, filters = layer.filters
        channels = (0..<g.channels).map { channel in
            var window: [Double] = [], kernel: [Double] = []
            for kh in 0..<g.kernelHeight {
                for kw in 0..<g.kernelWidth {
                    let (ih, iw) = (top + kh, left + kw)
                    let inside = (0..<g.inputHeight).contains(ih) && (0..<g.inputWidth).contains(iw)
                    window.append(inside ? Double(x[(ih * g.inputWidth + iw) * g.channels + channel]) : 0)
                    // Kernel [KH, KW, C, F].
                    kernel.append(Double(w[((kh * g.kernelWidth + kw) * g.channels + channel) * filters + cell.filter]))
                }
            }
            return Channel(index: channel, window: window, kernel: kernel)
        }
        bias = Double(layer.bias.value.scalars[cell.filter])
        engineValue = Double(output.scalars[(cell.row * g.outputWidth + cell.column) * filters + cell.filter])
    }

    /// The channels with the largest |sum|, largest first (ties: lower channel first).
    func largestChannels(_ count: Int) -> [Channel] {
        Array(channels.sorted { abs($0.sum) > abs($1.sum) || (abs($0.sum) == abs($1.sum) && $0.index < $1.index) }
            .prefix(count))
    }
}
