import CKernels

/// How a convolution or pooling window pads its input, as Keras names it.
public enum Padding: String, Sendable, CaseIterable, Codable {
    /// No padding: only windows that fit inside the input. `output = (input - kernel) / stride + 1`.
    case valid
    /// Zero padding so that `output = ceil(input / stride)`. As in TensorFlow, the total padding
    /// `max((output - 1) * stride + kernel - input, 0)` is split with the smaller half on top
    /// (left) and the larger at the bottom (right), so it can be asymmetric.
    case same
}

/// The sizes of one 2-D convolution (or pooling) over NHWC input, with the padding resolved.
///
/// Invariant: output sizes are >= 1 and `padTop + padBottom`, `padLeft + padRight` are the
/// totals TensorFlow computes for the padding.
public struct ConvolutionGeometry: Equatable, Sendable {
    public let inputHeight: Int
    public let inputWidth: Int
    public let channels: Int
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let stride: Int
    public let padding: Padding
    public let outputHeight: Int
    public let outputWidth: Int
    public let padTop: Int
    public let padBottom: Int
    public let padLeft: Int
    public let padRight: Int

    /// Resolves the output size and padding; throws when the window does not fit
    /// (a kernel larger than a `valid` input) or a size is not positive.
    public init(inputHeight: Int, inputWidth: Int, channels: Int,
                kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Padding) throws {
        guard inputHeight > 0, inputWidth > 0, channels > 0 else {
            throw ShapeError("input \(inputHeight)x\(inputWidth)x\(channels) must have positive sizes")
        }
        guard kernelHeight > 0, kernelWidth > 0 else {
            throw ShapeError("kernel \(kernelHeight)x\(kernelWidth) must have positive sizes")
        }
        guard stride > 0 else { throw ShapeError("stride must be at least 1, got \(stride)") }
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.channels = channels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.stride = stride
        self.padding = padding
        switch padding {
        case .valid:
            guard kernelHeight <= inputHeight, kernelWidth <= inputWidth else {
                throw ShapeError("a \(kernelHeight)x\(kernelWidth) window does not fit in a \(inputHeight)x\(inputWidth) input without padding")
            }
            outputHeight = (inputHeight - kernelHeight) / stride + 1
            outputWidth = (inputWidth - kernelWidth) / stride + 1
            (padTop, padBottom, padLeft, padRight) = (0, 0, 0, 0)
        case .same:
            outputHeight = (inputHeight + stride - 1) / stride
            outputWidth = (inputWidth + stride - 1) / stride
            let totalHeight = max((outputHeight - 1) * stride + kernelHeight - inputHeight, 0)
            let totalWidth = max((outputWidth - 1) * stride + kernelWidth - inputWidth, 0)
            padTop = totalHeight / 2
            padBottom = totalHeight - totalHeight / 2
            padLeft = totalWidth / 2
            padRight = totalWidth - totalWidth / 2
        }
    }

    /// Elements of one input example, `inputHeight * inputWidth * channels`.
    public var inputCount: Int { inputHeight * inputWidth * channels }
    /// Output positions of one example, `outputHeight * outputWidth`.
    public var outputPositions: Int { outputHeight * outputWidth }
    /// Elements of one window, `kernelHeight * kernelWidth * channels`: a row of the im2col matrix.
    public var windowCount: Int { kernelHeight * kernelWidth * channels }
}

extension ConvolutionGeometry {
    /// This geometry as the C kernels take it, for `batch` examples and `filters` filters.
    public func kernelShape(batch: Int, filters: Int = 0) -> ck_conv_shape {
        ck_conv_shape(batch: batch, height: inputHeight, width: inputWidth, channels: channels,
                      kernelHeight: kernelHeight, kernelWidth: kernelWidth, stride: stride,
                      padTop: padTop, padLeft: padLeft, outputHeight: outputHeight,
                      outputWidth: outputWidth, filters: filters)
    }
}
