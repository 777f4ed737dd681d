import CKernels
import TensorCore

/// The direct loops for convolutions whose window holds a few scalars (the tutorial's first
/// layer: 3x3 on one channel), in C (`ck_conv_direct_forward`,
/// `ck_conv_direct_parameter_gradients`). There im2col copies 9-scalar rows and feeds GEMM an
/// inner dimension of 9; the direct loops keep the window in registers and run over the
/// filters 16 at a time. The im2col path stays the twin they are tested against.
extension Conv2D {
    /// The largest window (`KH * KW * C`) the direct loops take.
    static let directWindowLimit = Int(CK_DIRECT_MAX_WINDOW)

    /// The C description of this layer's convolution over `batch` examples.
    func directShape(batch: Int) -> ck_conv_shape {
        geometry.kernelShape(batch: batch, filters: filters)
    }

    /// `y = act(conv(x, kernel) + bias)`: `[N, H, W, C]` -> `[N, OH, OW, F]`, `output`
    /// already sized.
    func forwardDirect(_ input: Tensor, into output: inout Tensor) {
        var shape = directShape(batch: input.batchSize)
        input.scalars.withUnsafeBufferPointer { x in
            kernel.value.scalars.withUnsafeBufferPointer { w in
                bias.value.scalars.withUnsafeBufferPointer { b in
                    output.scalars.withUnsafeMutableBufferPointer { y in
                        ck_conv_direct_forward(&shape, x.baseAddress!, w.baseAddress!, b.baseAddress!,
                                               activation == .relu ? 1 : 0, y.baseAddress!)
                    }
                }
            }
        }
    }

    /// `dKernel += sum over output pixels of window(x) * dz` and `dBias += sum of dz`, with
    /// `dz = dy * (y > 0)` computed on the way when `output` `y` is given (a fused ReLU),
    /// `dz = dy` otherwise; `dy` is `outputGradient`.
    func accumulateParameterGradientsDirect(input: Tensor, output: Tensor?, outputGradient: Tensor) {
        outputGradient.scalars.withUnsafeBufferPointer { dy in
            if let output {
                output.scalars.withUnsafeBufferPointer { y in
                    accumulateParameterGradientsDirect(input: input, output: y.baseAddress, outputGradient: dy)
                }
            } else {
                accumulateParameterGradientsDirect(input: input, output: nil, outputGradient: dy)
            }
        }
    }

    /// The same from a stored `dz` `[N * OH * OW, F]`.
    func accumulateParameterGradientsDirect(input: Tensor, preActivationGradient dz: UnsafeBufferPointer<Float>) {
        accumulateParameterGradientsDirect(input: input, output: nil, outputGradient: dz)
    }

    private func accumulateParameterGradientsDirect(input: Tensor, output y: UnsafePointer<Float>?,
                                                    outputGradient dy: UnsafeBufferPointer<Float>) {
        var shape = directShape(batch: input.batchSize)
        input.scalars.withUnsafeBufferPointer { x in
            kernel.gradient.scalars.withUnsafeMutableBufferPointer { dw in
                bias.gradient.scalars.withUnsafeMutableBufferPointer { db in
                    ck_conv_direct_parameter_gradients(&shape, x.baseAddress!, y, dy.baseAddress!,
                                                       dw.baseAddress!, db.baseAddress!)
                }
            }
        }
    }
}
