/// `conv grad [upstream=[ROWS]]`: the backward pass of the demo's neuron, with its channels,
/// stride, padding, dilation, bias and ReLU as the last `conv demo` set them; dL/dY defaults
/// to all ones in the feature map's shape.
enum ConvGrad {
    /// Starts the walk: the introduction, then the first step on a terminal, or every step.
    static func run(upstream upstreamText: String?, in session: Session) throws {
        let demo = session.demo
        guard demo.images.count == demo.kernels.count else {
            throw CommandError("the image has \(demo.images.count) channel\(demo.images.count == 1 ? "" : "s") and the kernel"
                + " \(demo.kernels.count): give both one matrix per channel, or 'conv demo channels=\(demo.images.count)'")
        }
        let padding = (top: demo.padding.top, bottom: demo.padding.bottom, left: demo.padding.left, right: demo.padding.right)
        guard let size = ConvGradient.outputSize(paddedRows: demo.paddedRows, paddedColumns: demo.paddedColumns,
                                                 spanRows: demo.spanRows, spanColumns: demo.spanColumns, stride: demo.stride) else {
            throw CommandError("the kernel (\(demo.kernel.rowCount)x\(demo.kernel.columnCount)) does not fit the"
                + " \(demo.image.rowCount)x\(demo.image.columnCount) image; 'conv demo padding=same' pads it")
        }
        let upstream: [[Double]]
        if let upstreamText {
            let matrix = try ConvMatrix(parsing: upstreamText, what: "upstream")
            guard matrix.rowCount == size.rows, matrix.columnCount == size.columns else {
                throw CommandError("upstream is \(matrix.rowCount)x\(matrix.columnCount), but the feature map is"
                    + " \(size.rows)x\(size.columns): dL/dY needs one value per cell")
            }
            upstream = matrix.rows
        } else {
            upstream = Array(repeating: Array(repeating: 1, count: size.columns), count: size.rows)
        }
        let gradient = try ConvGradient(image: demo.images.map(\.rows), kernel: demo.kernels.map(\.rows), stride: demo.stride,
                                        padding: padding, dilation: demo.dilation, bias: demo.bias, relu: demo.relu,
                                        upstream: upstream)
        let walk = ConvGradientWalk(gradient, kernelName: demo.kernelName?.rawValue)
        demo.gradientWalk = walk
        session.console.write(walk.introduction(console: session.console))
        try walk.begin(in: session, hint: "Enter (or 'conv step') shows the next step, 'conv run' the rest.")
    }
}
