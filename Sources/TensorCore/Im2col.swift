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
        guard let sourceAddress = input.baseAddress, let targetAddress = columns.baseAddress else { return }
        let c = g.channels
        let rowLength = g.windowCount
        // Loop shape: batch n, output row oh, output column ow, kernel row kh, kernel column kw;
        // each (kh, kw) copies the C contiguous channels of one input pixel.
        let segment = g.kernelWidth * c
        nonisolated(unsafe) let (source, target) = (sourceAddress, targetAddress)
        // Images are independent: split the batch over the cores.
        Parallel.forEachRange(batch, minimumChunk: 8) { images in
        for n in images {
            let image = source + n * g.inputCount
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    var row = target + ((n * g.outputHeight + oh) * g.outputWidth + ow) * rowLength
                    let left = ow * g.stride - g.padLeft
                    let inside = left >= 0 && left + g.kernelWidth <= g.inputWidth
                    for kh in 0..<g.kernelHeight {
                        let ih = oh * g.stride - g.padTop + kh
                        if ih < 0 || ih >= g.inputHeight {
                            row.update(repeating: 0, count: segment)
                        } else if inside {
                            // The window's row is one contiguous run of KW * C input scalars.
                            copy(image + (ih * g.inputWidth + left) * c, to: row, count: segment)
                        } else {
                            for kw in 0..<g.kernelWidth {
                                let iw = left + kw
                                if iw < 0 || iw >= g.inputWidth {
                                    (row + kw * c).update(repeating: 0, count: c)
                                } else {
                                    copy(image + (ih * g.inputWidth + iw) * c, to: row + kw * c, count: c)
                                }
                            }
                        }
                        row += segment
                    }
                }
            }
        }
        }
    }

    /// Copies `count` scalars: a plain loop for short runs (a 3x3 window on one channel is 3
    /// scalars, for which a `memmove` call costs more than the copy), `memmove` for long ones.
    @inline(__always)
    private static func copy(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        if count < 32 {
            for index in 0..<count { target[index] = source[index] }
        } else {
            target.update(from: source, count: count)
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
        targetAddress.update(repeating: 0, count: batch * g.inputCount)
        let c = g.channels
        let rowLength = g.windowCount
        let segment = g.kernelWidth * c
        nonisolated(unsafe) let (source, target) = (sourceAddress, targetAddress)
        Parallel.forEachRange(batch, minimumChunk: 8) { images in
        for n in images {
            let image = target + n * g.inputCount
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    var row = source + ((n * g.outputHeight + oh) * g.outputWidth + ow) * rowLength
                    let left = ow * g.stride - g.padLeft
                    for kh in 0..<g.kernelHeight {
                        let ih = oh * g.stride - g.padTop + kh
                        if ih >= 0 && ih < g.inputHeight {
                            // Columns kw whose pixel is inside: a contiguous run of the input row.
                            let first = max(0, -left), last = min(g.kernelWidth, g.inputWidth - left)
                            if first < last {
                                let pixel = image + (ih * g.inputWidth + left + first) * c
                                let values = row + first * c
                                for index in 0..<(last - first) * c { pixel[index] += values[index] }
                            }
                        }
                        row += segment
                    }
                }
            }
        }
        }
    }
}
