/// The backward pass of one filter of a convolution, in Double, computed two ways that must
/// agree: term by term (what `conv grad` steps through) and as whole-matrix operations
/// (the cross-correlation and the full convolution it then shows).
///
/// Shapes: `image` is C matrices H x W, `kernel` C matrices KH x KW (one per channel), the
/// output and `upstream` (dL/dY) OH x OW with OH = (H + 2P - KH) / S + 1, likewise OW. The
/// forward pass is `z = sum over channels of (padded image ⋆ kernel) + bias`, `y = relu(z)`
/// when `relu`, else `y = z`.
///
/// Gradients (P = padding, S = stride, Xp the zero-padded image, G = dL/dZ):
///
///     G[r][s]        = dL/dY[r][s] * (z[r][s] > 0 ? 1 : 0)   (with relu; otherwise dL/dY)
///     dL/dK[c][i][j] = sum over r, s of Xp[c][r*S + i][s*S + j] * G[r][s]
///     dL/dXp[c][y][x] = sum over the windows (r, s) covering (y, x) of K[c][y - r*S][x - s*S] * G[r][s]
///     dL/db          = sum of G
///
/// dL/dX is dL/dXp without the padding ring. These are the sums Keras's Conv2D backward
/// computes (the engine's `Conv2D.backward` does them with im2col and GEMM; a test compares).
struct ConvGradient {
    let image: [[[Double]]]
    let kernel: [[[Double]]]
    let stride: Int
    let padding: Int
    let bias: Double
    let relu: Bool
    /// dL/dY, OH x OW.
    let upstream: [[Double]]

    let outputRows: Int
    let outputColumns: Int
    /// z, before the ReLU (OH x OW).
    let preActivation: [[Double]]
    /// dL/dZ: the upstream gradient through the ReLU (equal to `upstream` without it).
    let outputGradient: [[Double]]

    var channels: Int { image.count }
    var imageRows: Int { image[0].count }
    var imageColumns: Int { image[0][0].count }
    var kernelRows: Int { kernel[0].count }
    var kernelColumns: Int { kernel[0][0].count }
    var paddedRows: Int { imageRows + 2 * padding }
    var paddedColumns: Int { imageColumns + 2 * padding }

    /// The output shape of an image and kernel, or nil if the kernel does not fit the padded image.
    static func outputSize(imageRows: Int, imageColumns: Int, kernelRows: Int, kernelColumns: Int,
                           stride: Int, padding: Int) -> (rows: Int, columns: Int)? {
        let rows = imageRows + 2 * padding - kernelRows, columns = imageColumns + 2 * padding - kernelColumns
        guard rows >= 0, columns >= 0, stride > 0 else { return nil }
        return (rows / stride + 1, columns / stride + 1)
    }

    /// Checks the shapes: as many kernel matrices as image channels, all of one size each, the
    /// kernel fitting the padded image, `upstream` of the output's shape (else a `CommandError`).
    init(image: [[[Double]]], kernel: [[[Double]]], stride: Int, padding: Int, bias: Double = 0, relu: Bool = false,
         upstream: [[Double]]) throws {
        precondition(!image.isEmpty && image.count == kernel.count, "ConvGradient: \(image.count) image and \(kernel.count) kernel channels")
        guard let size = Self.outputSize(imageRows: image[0].count, imageColumns: image[0][0].count,
                                         kernelRows: kernel[0].count, kernelColumns: kernel[0][0].count,
                                         stride: stride, padding: padding) else {
            throw CommandError("the kernel (\(kernel[0].count)x\(kernel[0][0].count)) does not fit the padded image")
        }
        guard upstream.count == size.rows, upstream.allSatisfy({ $0.count == size.columns }) else {
            throw CommandError("upstream must have the feature map's shape, \(size.rows)x\(size.columns);"
                + " got \(upstream.count)x\(upstream.first?.count ?? 0)")
        }
        self.image = image
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.bias = bias
        self.relu = relu
        self.upstream = upstream
        (outputRows, outputColumns) = size
        var z = [[Double]](repeating: [Double](repeating: bias, count: size.columns), count: size.rows)
        for c in image.indices {
            let map = Self.correlate(Self.padded(image[c], by: padding), kernel[c], stride: stride)
            for r in 0..<size.rows { for s in 0..<size.columns { z[r][s] += map[r][s] } }
        }
        preActivation = z
        outputGradient = relu ? zip(upstream, z).map { zip($0, $1).map { $1 > 0 ? $0 : 0 } } : upstream
    }

    // MARK: Term by term

    /// The padded image's value at padded coordinates (0 in the padding ring).
    func paddedValue(channel: Int, row: Int, column: Int) -> Double {
        let (y, x) = (row - padding, column - padding)
        guard (0..<imageRows).contains(y), (0..<imageColumns).contains(x) else { return 0 }
        return image[channel][y][x]
    }

    /// The inputs kernel weight (i, j) of `channel` met, one per window: OH x OW, at padded
    /// rows i, i + S, ... and columns j, j + S, ...
    func inputsTouched(channel: Int, row i: Int, column j: Int) -> [[Double]] {
        (0..<outputRows).map { r in (0..<outputColumns).map { s in paddedValue(channel: channel, row: r * stride + i, column: s * stride + j) } }
    }

    /// dL/dK[channel][i][j] term by term: the inputs it touched times dL/dZ, summed.
    func kernelGradientTerms(channel: Int, row: Int, column: Int) -> [[Double]] {
        zip(inputsTouched(channel: channel, row: row, column: column), outputGradient).map { zip($0, $1).map { $0 * $1 } }
    }

    /// The window of the full convolution for padded pixel (y, x): KH x KW values of dL/dZ
    /// spread S apart and padded by K - 1, nil where that grid holds a padding or spreading
    /// zero. Cell (a, b) pairs with the rotated kernel's (a, b), i.e. with K[KH-1-a][KW-1-b],
    /// the weight that touched (y, x) from the window (r, s) = ((y - i) / S, (x - j) / S).
    func upstreamWindow(row y: Int, column x: Int) -> [[Double?]] {
        (0..<kernelRows).map { a in
            (0..<kernelColumns).map { b in
                let i = kernelRows - 1 - a, j = kernelColumns - 1 - b
                let (rowOffset, columnOffset) = (y - i, x - j)
                guard rowOffset >= 0, columnOffset >= 0, rowOffset % stride == 0, columnOffset % stride == 0 else { return nil }
                let (r, s) = (rowOffset / stride, columnOffset / stride)
                guard r < outputRows, s < outputColumns else { return nil }
                return outputGradient[r][s]
            }
        }
    }

    /// How many windows covered padded pixel (y, x).
    func windowsCovering(row y: Int, column x: Int) -> Int {
        upstreamWindow(row: y, column: x).joined().filter { $0 != nil }.count
    }

    /// The kernel of `channel` turned by 180 degrees.
    func rotatedKernel(channel: Int) -> [[Double]] {
        kernel[channel].reversed().map { $0.reversed() }
    }

    /// dL/dXp[channel][y][x] term by term: upstream window times the rotated kernel (0 where no window).
    func inputGradientTerms(channel: Int, row y: Int, column x: Int) -> [[Double]] {
        zip(upstreamWindow(row: y, column: x), rotatedKernel(channel: channel)).map { zip($0, $1).map { ($0 ?? 0) * $1 } }
    }

    /// dL/dK from the term-by-term sums, C x KH x KW.
    var kernelGradient: [[[Double]]] {
        (0..<channels).map { c in
            (0..<kernelRows).map { i in (0..<kernelColumns).map { j in kernelGradientTerms(channel: c, row: i, column: j).joined().reduce(0, +) } }
        }
    }

    /// dL/dX from the term-by-term sums, C x H x W (the padding ring left out).
    var inputGradient: [[[Double]]] {
        (0..<channels).map { c in
            (0..<imageRows).map { y in
                (0..<imageColumns).map { x in inputGradientTerms(channel: c, row: y + padding, column: x + padding).joined().reduce(0, +) }
            }
        }
    }

    /// dL/db: the sum of dL/dZ.
    var biasGradient: Double { outputGradient.joined().reduce(0, +) }

    // MARK: As whole-matrix operations

    /// dL/dZ with S - 1 zeros between neighbouring values: ((OH-1)S+1) x ((OW-1)S+1), nil at the zeros.
    var spreadOutputGradient: [[Double?]] {
        let rows = (outputRows - 1) * stride + 1, columns = (outputColumns - 1) * stride + 1
        return (0..<rows).map { y in
            (0..<columns).map { x in y % stride == 0 && x % stride == 0 ? outputGradient[y / stride][x / stride] : nil }
        }
    }

    /// The cross-correlation of the padded image with (spread) dL/dZ, cut to the kernel's size:
    /// equal to `kernelGradient`.
    func kernelGradientByCorrelation(channel: Int) -> [[Double]] {
        let full = Self.correlate(Self.padded(image[channel], by: padding), spreadOutputGradient.map { $0.map { $0 ?? 0 } }, stride: 1)
        return Array(full.prefix(kernelRows).map { Array($0.prefix(kernelColumns)) })
    }

    /// dL/dZ spread and padded by K - 1 on each side (plus on the bottom and right whatever
    /// rows and columns no window reached), nil at every inserted zero: the input of the full
    /// convolution, (Hp + KH - 1) x (Wp + KW - 1).
    var fullyPaddedOutputGradient: [[Double?]] {
        let spread = spreadOutputGradient
        let rows = paddedRows + kernelRows - 1, columns = paddedColumns + kernelColumns - 1
        return (0..<rows).map { y in
            (0..<columns).map { x in
                let (u, v) = (y - (kernelRows - 1), x - (kernelColumns - 1))
                guard spread.indices.contains(u), spread[0].indices.contains(v) else { return nil }
                return spread[u][v]
            }
        }
    }

    /// The full convolution of dL/dZ with the kernel: the padded gradient cross-correlated with
    /// the kernel rotated 180 degrees, Hp x Wp (padding ring included): equal to dL/dXp.
    func paddedInputGradientByConvolution(channel: Int) -> [[Double]] {
        Self.correlate(fullyPaddedOutputGradient.map { $0.map { $0 ?? 0 } }, rotatedKernel(channel: channel), stride: 1)
    }

    // MARK: Helpers

    /// The valid cross-correlation of `input` with `kernel` at `stride`.
    static func correlate(_ input: [[Double]], _ kernel: [[Double]], stride: Int) -> [[Double]] {
        let rows = (input.count - kernel.count) / stride + 1, columns = (input[0].count - kernel[0].count) / stride + 1
        return (0..<rows).map { r in
            (0..<columns).map { s in
                var sum = 0.0
                for i in kernel.indices { for j in kernel[i].indices { sum += input[r * stride + i][s * stride + j] * kernel[i][j] } }
                return sum
            }
        }
    }

    /// `matrix` with `amount` rings of zeros around it.
    static func padded(_ matrix: [[Double]], by amount: Int) -> [[Double]] {
        guard amount > 0 else { return matrix }
        let columns = matrix[0].count + 2 * amount
        let ring = [[Double]](repeating: [Double](repeating: 0, count: columns), count: amount)
        let zeros = [Double](repeating: 0, count: amount)
        return ring + matrix.map { zeros + $0 + zeros } + ring
    }
}
