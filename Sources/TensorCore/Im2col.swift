/// im2col and col2im: a convolution as one matrix product.
///
/// For NHWC input `[N, H, W, C]`, `im2col` writes the matrix `[N * OH * OW, KH * KW * C]`
/// whose row `(n, oh, ow)` holds the input window under output position `(oh, ow)`, in
/// `(kh, kw, c)` order (zeros where the window hangs over the padding). That order matches a
/// Keras kernel `[KH, KW, C, F]` viewed as `[KH * KW * C, F]`, so
/// `im2col(x) * kernel` is the convolution's output `[N * OH * OW, F]` = `[N, OH, OW, F]`.
/// `col2im` is the adjoint: it sums every row's entries back onto the input positions they
/// came from, which turns the gradient of the columns into the gradient of the input.
public enum Im2col {
    /// Fills `columns` (`[batch * OH * OW, KH * KW * C]`) from `input` (`[batch, H, W, C]`).
    public static func im2col(_ input: UnsafeBufferPointer<Float>, batch: Int, geometry g: ConvolutionGeometry,
                              columns: UnsafeMutableBufferPointer<Float>) {
        precondition(input.count >= batch * g.inputCount, "im2col: input has \(input.count) scalars, need \(batch * g.inputCount)")
        precondition(columns.count >= batch * g.outputPositions * g.windowCount,
                     "im2col: columns have \(columns.count) scalars, need \(batch * g.outputPositions * g.windowCount)")
        guard let source = input.baseAddress, let target = columns.baseAddress else { return }
        let c = g.channels
        let rowLength = g.windowCount
        // Loop shape: batch n, output row oh, output column ow, kernel row kh, kernel column kw;
        // each (kh, kw) copies the C contiguous channels of one input pixel.
        for n in 0..<batch {
            let image = source + n * g.inputCount
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    var row = target + ((n * g.outputHeight + oh) * g.outputWidth + ow) * rowLength
                    for kh in 0..<g.kernelHeight {
                        let ih = oh * g.stride - g.padTop + kh
                        if ih < 0 || ih >= g.inputHeight {
                            row.update(repeating: 0, count: g.kernelWidth * c)
                            row += g.kernelWidth * c
                            continue
                        }
                        for kw in 0..<g.kernelWidth {
                            let iw = ow * g.stride - g.padLeft + kw
                            if iw < 0 || iw >= g.inputWidth {
                                row.update(repeating: 0, count: c)
                            } else {
                                row.update(from: image + (ih * g.inputWidth + iw) * c, count: c)
                            }
                            row += c
                        }
                    }
                }
            }
        }
    }

    /// Overwrites `input` (`[batch, H, W, C]`) with the sum, over every row of `columns`
    /// (`[batch * OH * OW, KH * KW * C]`), of each entry at the input position it was copied from.
    public static func col2im(_ columns: UnsafeBufferPointer<Float>, batch: Int, geometry g: ConvolutionGeometry,
                              input: UnsafeMutableBufferPointer<Float>) {
        precondition(input.count >= batch * g.inputCount, "col2im: input has \(input.count) scalars, need \(batch * g.inputCount)")
        precondition(columns.count >= batch * g.outputPositions * g.windowCount,
                     "col2im: columns have \(columns.count) scalars, need \(batch * g.outputPositions * g.windowCount)")
        guard let target = input.baseAddress, let source = columns.baseAddress else { return }
        target.update(repeating: 0, count: batch * g.inputCount)
        let c = g.channels
        let rowLength = g.windowCount
        for n in 0..<batch {
            let image = target + n * g.inputCount
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    var row = source + ((n * g.outputHeight + oh) * g.outputWidth + ow) * rowLength
                    for kh in 0..<g.kernelHeight {
                        let ih = oh * g.stride - g.padTop + kh
                        if ih < 0 || ih >= g.inputHeight {
                            row += g.kernelWidth * c
                            continue
                        }
                        for kw in 0..<g.kernelWidth {
                            let iw = ow * g.stride - g.padLeft + kw
                            if iw >= 0 && iw < g.inputWidth {
                                let pixel = image + (ih * g.inputWidth + iw) * c
                                for channel in 0..<c { pixel[channel] += row[channel] }
                            }
                            row += c
                        }
                    }
                }
            }
        }
    }
}
