import NeuralNet
import TensorCore

/// The region of the input that one output cell of a layer depends on, found by walking back
/// through every conv and pooling layer up to it, and the recurrence that gives its size.
///
/// Sizes: with `r` the region's side and `jump` the input pixels between neighbouring cells
/// of a layer, the image has r = 1, jump = 1, and each K x K window with stride S gives
/// `r_out = r_in + (K - 1) * jump_in`, `jump_out = jump_in * S`.
/// Invariant: `rows` and `columns` lie inside the input; `fullRows`/`fullColumns`
/// (possibly reaching into padding) have the recurrence's size `size`.
struct ReceptiveField {
    /// One layer that widens the region: a conv or pooling window.
    struct Step {
        let layerIndex: Int
        let name: String
        let kernel: Int
        let stride: Int
        let sizeBefore: Int
        let jumpBefore: Int
        var size: Int { sizeBefore + (kernel - 1) * jumpBefore }
        var jump: Int { jumpBefore * stride }
    }

    let steps: [Step]
    /// True for a cell of a flat layer (after Flatten): it depends on every input pixel.
    let isWholeInput: Bool
    /// The region as the windows place it, 0-based input rows and columns (may reach into padding).
    let fullRows: ClosedRange<Int>
    let fullColumns: ClosedRange<Int>
    /// The part inside the input.
    let rows: ClosedRange<Int>
    let columns: ClosedRange<Int>

    /// The side of the region by the recurrence (1 before any window).
    var size: Int { steps.last?.size ?? 1 }

    /// The region of output cell `row`, `column` (0-based; ignored for flat layers) of layer
    /// `layerIndex` of `model`. Throws for a cell outside the layer's output.
    init(model: Sequential, layerIndex: Int, row: Int, column: Int) throws {
        let layers = Array(model.layers[...layerIndex])
        let height = model.inputShape[0], width = model.inputShape.count == 3 ? model.inputShape[1] : 1
        var steps: [Step] = [], size = 1, jump = 1
        for (index, layer) in layers.enumerated() {
            guard let g = Self.geometry(of: layer) else { continue }
            let step = Step(layerIndex: index, name: layer.name, kernel: g.kernelHeight, stride: g.stride,
                            sizeBefore: size, jumpBefore: jump)
            steps.append(step)
            (size, jump) = (step.size, step.jump)
        }
        self.steps = steps
        isWholeInput = layers.contains { $0.outputShape.count != 3 }
        guard !isWholeInput else {
            (fullRows, fullColumns, rows, columns) = (0...(height - 1), 0...(width - 1), 0...(height - 1), 0...(width - 1))
            return
        }
        let shape = layers[layerIndex].outputShape
        guard (0..<shape[0]).contains(row), (0..<shape[1]).contains(column) else {
            throw CommandError("\(layers[layerIndex].name) outputs \(shape[0])x\(shape[1]) maps: ROW and COL must be 1-\(shape[0]) and 1-\(shape[1]), got \(row + 1) \(column + 1)")
        }
        // Walk back: output rows a...b of a window layer read input rows a*S - pad ... b*S - pad + K - 1.
        var (rowRange, columnRange) = (row...row, column...column)
        for layer in layers.reversed() {
            guard let g = Self.geometry(of: layer) else { continue }
            rowRange = (rowRange.lowerBound * g.stride - g.padTop)...(rowRange.upperBound * g.stride - g.padTop + g.kernelHeight - 1)
            columnRange = (columnRange.lowerBound * g.stride - g.padLeft)...(columnRange.upperBound * g.stride - g.padLeft + g.kernelWidth - 1)
        }
        fullRows = rowRange
        fullColumns = columnRange
        rows = max(0, rowRange.lowerBound)...min(height - 1, rowRange.upperBound)
        columns = max(0, columnRange.lowerBound)...min(width - 1, columnRange.upperBound)
    }

    /// The window geometry of a conv or pooling layer; nil for layers that keep positions.
    static func geometry(of layer: any Layer) -> ConvolutionGeometry? {
        switch layer {
        case let conv as Conv2D: conv.geometry
        case let pool as MaxPooling2D: pool.geometry
        default: nil
        }
    }
}
