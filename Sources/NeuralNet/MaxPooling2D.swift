import TensorCore

/// Keras's `MaxPooling2D`: the maximum of each `pool x pool` window per channel, windows
/// `stride` apart (Keras's default stride is the pool size), `valid` or `same` padding
/// (padded positions never win).
///
/// Shapes: `[N, H, W, C]` -> `[N, OH, OW, C]`. Forward caches, per output element, the index
/// of the input element that won; backward routes each output gradient to it
/// (`dx[argmax] += dy`; other elements get zero).
public final class MaxPooling2D: Layer {
    public let typeName = "MaxPooling2D"
    public let baseName = "max_pooling2d"
    public var name = "max_pooling2d"
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let geometry: ConvolutionGeometry

    private var winners: [Int32] = []

    public init(poolSize: Int, stride: Int? = nil, padding: Padding = .valid, inputShape: [Int]) throws {
        guard inputShape.count == 3 else {
            throw ShapeError("MaxPooling2D needs a [height, width, channels] input, got \(inputShape); add input first")
        }
        geometry = try ConvolutionGeometry(inputHeight: inputShape[0], inputWidth: inputShape[1], channels: inputShape[2],
                                           kernelHeight: poolSize, kernelWidth: poolSize,
                                           stride: stride ?? poolSize, padding: padding)
        guard geometry.inputCount <= Int(Int32.max) else { throw ShapeError("input \(inputShape) is too large to pool") }
        self.inputShape = inputShape
        outputShape = [geometry.outputHeight, geometry.outputWidth, inputShape[2]]
    }

    public func forward(_ input: Tensor, into output: inout Tensor, training: Bool,
                        using generator: inout some RandomNumberGenerator) {
        checkBatch(input, inputShape, "input")
        let g = geometry, c = g.channels, batch = input.batchSize
        output.resize(to: [batch] + outputShape)
        if winners.count != output.count { winners = [Int32](repeating: 0, count: output.count) }
        input.scalars.withUnsafeBufferPointer { x in
            output.scalars.withUnsafeMutableBufferPointer { y in
                winners.withUnsafeMutableBufferPointer { winner in
                    // Loop shape: batch n, output row oh, output column ow, channel ch, window kh, kw.
                    for n in 0..<batch {
                        for oh in 0..<g.outputHeight {
                            for ow in 0..<g.outputWidth {
                                let out = ((n * g.outputHeight + oh) * g.outputWidth + ow) * c
                                for ch in 0..<c {
                                    var best = -Float.infinity, bestIndex = -1
                                    for kh in 0..<g.kernelHeight {
                                        let ih = oh * g.stride - g.padTop + kh
                                        guard ih >= 0 && ih < g.inputHeight else { continue }
                                        for kw in 0..<g.kernelWidth {
                                            let iw = ow * g.stride - g.padLeft + kw
                                            guard iw >= 0 && iw < g.inputWidth else { continue }
                                            let index = (ih * g.inputWidth + iw) * c + ch
                                            if bestIndex < 0 || x[n * g.inputCount + index] > best {
                                                best = x[n * g.inputCount + index]
                                                bestIndex = index
                                            }
                                        }
                                    }
                                    y[out + ch] = best
                                    winner[out + ch] = Int32(bestIndex)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    public func backward(input: Tensor, output: Tensor, outputGradient: Tensor,
                         inputGradient: inout Tensor, computeInputGradient: Bool) {
        checkBatch(outputGradient, outputShape, "output gradient")
        guard computeInputGradient else { return }
        let perExample = outputShape.reduce(1, *), inputCount = geometry.inputCount
        inputGradient.resize(to: input.shape)
        inputGradient.zero()
        inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
            outputGradient.scalars.withUnsafeBufferPointer { dy in
                winners.withUnsafeBufferPointer { winner in
                    for index in 0..<dy.count {
                        dx[(index / perExample) * inputCount + Int(winner[index])] += dy[index]
                    }
                }
            }
        }
    }
}
