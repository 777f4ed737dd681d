import CKernels

/// im2col and col2im: a convolution as one matrix product.
///
/// For NHWC input `[N, H, W, C]`, `im2col` writes the matrix `[N * OH * OW, KH * KW * C]`
/// whose row `(n, oh, ow)` holds the input window under output position `(oh, ow)`, in
/// `(kh, kw, c)` order (zeros where the window hangs over the padding). That order matches a
/// Keras kernel `[KH, KW, C, F]` viewed as `[KH * KW * C, F]`, so
/// `im2col(x) * kernel` is the convolution's output `[N * OH * OW, F]` = `[N, OH, OW, F]`.
/// `col2im` is the adjoint: it sums every row's entries back onto the input positions they
/// came from, which turns the gradient of the columns into the gradient of the input.
///
/// Both run in C (`ck_im2col`, `ck_col2im`, vector copies and sums), the batch split over the
/// cores; `Convolution.directConvolve` is the twin the tests hold them to.
public enum Im2col {
    /// Fills `columns` (`[batch * OH * OW, KH * KW * C]`) from `input` (`[batch, H, W, C]`).
    public static func im2col(_ input: UnsafeBufferPointer<Float>, batch: Int, geometry g: ConvolutionGeometry,
                              columns: UnsafeMutableBufferPointer<Float>) {
        precondition(input.count >= batch * g.inputCount, "im2col: input has \(input.count) scalars, need \(batch * g.inputCount)")
        precondition(columns.count >= batch * g.outputPositions * g.windowCount,
                     "im2col: columns have \(columns.count) scalars, need \(batch * g.outputPositions * g.windowCount)")
        guard let sourceAddress = input.baseAddress, let targetAddress = columns.baseAddress else { return }
        nonisolated(unsafe) let (source, target) = (sourceAddress, targetAddress)
        // Images are independent: split large batches (one `logits` call on many images) over
        // the cores; inside a worker team job (a training part, an evaluation batch) this runs
        // on the job's own core.
        Parallel.forEachRange(batch, minimumChunk: 64) { images in
            var shape = g.kernelShape(batch: images.count)
            ck_im2col(&shape, source + images.lowerBound * g.inputCount,
                      target + images.lowerBound * g.outputPositions * g.windowCount)
        }
    }

    /// Overwrites `input` (`[batch, H, W, C]`) with the sum, over every row of `columns`
    /// (`[batch * OH * OW, KH * KW * C]`), of each entry at the input position it was copied from.
    public static func col2im(_ columns: UnsafeBufferPointer<Float>, batch: Int, geometry g: ConvolutionGeometry,
                              input: UnsafeMutableBufferPointer<Float>) {
        precondition(input.count >= batch * g.inputCount, "col2im: input has \(input.count) scalars, need \(batch * g.inputCount)")
        precondition(columns.count >= batch * g.outputPositions * g.windowCount,
                     "col2im: columns have \(columns.count) scalars, need \(batch * g.outputPositions * g.windowCount)")
        guard let targetAddress = input.baseAddress, let sourceAddress = columns.baseAddress else { return }
        nonisolated(unsafe) let (source, target) = (sourceAddress, targetAddress)
        Parallel.forEachRange(batch, minimumChunk: 64) { images in
            var shape = g.kernelShape(batch: images.count)
            ck_col2im(&shape, source + images.lowerBound * g.outputPositions * g.windowCount,
                      target + images.lowerBound * g.inputCount)
        }
    }
}
