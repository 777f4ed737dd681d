/// A 2-D convolution on whole tensors, Keras's Conv2D without bias or activation:
/// `[N, H, W, C]` input, `[KH, KW, C, F]` kernel -> `[N, OH, OW, F]` output.
///
/// `convolve` is the fast path (im2col + SGEMM, as the Conv2D layer does it); `directConvolve`
/// is its twin that loops over every output, window position and channel.
public enum Convolution {
    /// The convolution through im2col and `GEMM`.
    public static func convolve(_ input: Tensor, kernel: Tensor, stride: Int, padding: Padding) throws -> Tensor {
        let g = try geometry(input: input, kernel: kernel, stride: stride, padding: padding)
        let batch = input.shape[0], filters = kernel.shape[3]
        var columns = [Float](repeating: 0, count: batch * g.outputPositions * g.windowCount)
        var output = Tensor(shape: [batch, g.outputHeight, g.outputWidth, filters])
        guard output.count > 0 else { return output }
        input.scalars.withUnsafeBufferPointer { x in
            columns.withUnsafeMutableBufferPointer { Im2col.im2col(x, batch: batch, geometry: g, columns: $0) }
        }
        columns.withUnsafeBufferPointer { a in
            kernel.scalars.withUnsafeBufferPointer { b in
                output.scalars.withUnsafeMutableBufferPointer { c in
                    GEMM.multiply(m: batch * g.outputPositions, n: filters, k: g.windowCount,
                                  a: a.baseAddress!, lda: g.windowCount, b: b.baseAddress!, ldb: filters,
                                  c: c.baseAddress!, ldc: filters)
                }
            }
        }
        return output
    }

    /// The same convolution, one multiply-add at a time, accumulated in Double.
    public static func directConvolve(_ input: Tensor, kernel: Tensor, stride: Int, padding: Padding) throws -> Tensor {
        let g = try geometry(input: input, kernel: kernel, stride: stride, padding: padding)
        let batch = input.shape[0], filters = kernel.shape[3], c = g.channels
        var output = Tensor(shape: [batch, g.outputHeight, g.outputWidth, filters])
        for n in 0..<batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for f in 0..<filters {
                        var sum = 0.0
                        for kh in 0..<g.kernelHeight {
                            let ih = oh * g.stride - g.padTop + kh
                            guard ih >= 0 && ih < g.inputHeight else { continue }
                            for kw in 0..<g.kernelWidth {
                                let iw = ow * g.stride - g.padLeft + kw
                                guard iw >= 0 && iw < g.inputWidth else { continue }
                                for channel in 0..<c {
                                    let x = input.scalars[((n * g.inputHeight + ih) * g.inputWidth + iw) * c + channel]
                                    let w = kernel.scalars[((kh * g.kernelWidth + kw) * c + channel) * filters + f]
                                    sum += Double(x) * Double(w)
                                }
                            }
                        }
                        output.scalars[((n * g.outputHeight + oh) * g.outputWidth + ow) * filters + f] = Float(sum)
                    }
                }
            }
        }
        return output
    }

    /// The geometry of convolving `input` `[N, H, W, C]` with `kernel` `[KH, KW, C, F]`.
    public static func geometry(input: Tensor, kernel: Tensor, stride: Int, padding: Padding) throws -> ConvolutionGeometry {
        guard input.shape.count == 4 else { throw ShapeError("convolution input must be [N, H, W, C], got \(input.shape)") }
        guard kernel.shape.count == 4 else { throw ShapeError("convolution kernel must be [KH, KW, C, F], got \(kernel.shape)") }
        guard input.shape[3] == kernel.shape[2] else {
            throw ShapeError("input has \(input.shape[3]) channels but the kernel \(kernel.shape) expects \(kernel.shape[2])")
        }
        return try ConvolutionGeometry(inputHeight: input.shape[1], inputWidth: input.shape[2], channels: input.shape[3],
                                       kernelHeight: kernel.shape[0], kernelWidth: kernel.shape[1],
                                       stride: stride, padding: padding)
    }
}
