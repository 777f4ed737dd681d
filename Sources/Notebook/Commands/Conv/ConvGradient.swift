/// The backward pass of one filter of a convolution, in Double, computed two ways that must
/// agree: term by term (what `conv grad` steps through) and as whole-matrix operations
/// (the cross-correlation and the full convolution it then shows).
///
/// Shapes: `image` is C matrices H x W, `kernel` C matrices KH x KW (one per channel); the
/// padded image Hp x Wp, Hp = top + H + bottom; the kernel spans D(KH-1)+1 rows at dilation D;
/// the output and `upstream` (dL/dY) OH x OW with OH = (Hp - span) / S + 1, likewise OW. The
/// forward pass is `z = sum over channels of (padded image ⋆ kernel) + bias`, `y = relu(z)`
/// when `relu`, else `y = z`.
///
/// Gradients (S = stride, D = dilation, Xp the zero-padded image, G = dL/dZ):
///
///     G[r][s]         = dL/dY[r][s] * (z[r][s] > 0 ? 1 : 0)   (with relu; otherwise dL/dY)
///     dL/dK[c][i][j]  = sum over r, s of Xp[c][r*S + i*D][s*S + j*D] * G[r][s]
///     dL/dXp[c][y][x] = sum over the taps (i, j) and windows (r, s) with r*S + i*D = y and
///                       s*S + j*D = x of K[c][i][j] * G[r][s]
///     dL/db           = sum of G
///
/// dL/dX is dL/dXp without the padding ring. These are the sums Keras's Conv2D backward
/// computes (the engine's `Conv2D.backward` does them with im2col and GEMM; a test compares).
struct ConvGradient {
    let image: [[[Double]]]
    let kernel: [[[Double]]]
    let stride: Int
    /// Zeros before and after the image along each axis (Keras's 'same' can be uneven).
    let padTop: Int, padBottom: Int, padLeft: Int, padRight: Int
    let dilation: Int
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
    var paddedRows: Int { padTop + imageRows + padBottom }
    var paddedColumns: Int { padLeft + imageColumns + padRight }
    /// The rows and columns the (dilated) kernel spans.
    var spanRows: Int { dilation * (kernelRows - 1) + 1 }
    var spanColumns: Int { dilation * (kernelColumns - 1) + 1 }
    var hasPadding: Bool { padTop + padBottom + padLeft + padRight > 0 }

    /// The output shape, or nil if the (dilated) kernel does not fit the padded image.
    static func outputSize(paddedRows: Int, paddedColumns: Int, spanRows: Int, spanColumns: Int,
                           stride: Int) -> (rows: Int, columns: Int)? {
        let rows = paddedRows - spanRows, columns = paddedColumns - spanColumns
        guard rows >= 0, columns >= 0, stride > 0 else { return nil }
        return (rows / stride + 1, columns / stride + 1)
    }

    /// Checks the shapes: as many kernel matrices as image channels, all of one size each, the
    /// kernel fitting the padded image, `upstream` of the output's shape (else a `CommandError`).
    init(image: [[[Double]]], kernel: [[[Double]]], stride: Int, padding: (top: Int, bottom: Int, left: Int, right: Int),
         dilation: Int = 1, bias: Double = 0, relu: Bool = false, upstream: [[Double]]) throws {
        precondition(!image.isEmpty && image.count == kernel.count, "ConvGradient: \(image.count) image and \(kernel.count) kernel channels")
        precondition(dilation >= 1 && min(padding.top, padding.bottom, padding.left, padding.right) >= 0, "ConvGradient: \(padding), dilation \(dilation)")
        guard let size = Self.outputSize(paddedRows: padding.top + image[0].count + padding.bottom,
                                         paddedColumns: padding.left + image[0][0].count + padding.right,
                                         spanRows: dilation * (kernel[0].count - 1) + 1,
                                         spanColumns: dilation * (kernel[0][0].count - 1) + 1, stride: stride) else {
            throw CommandError("the kernel (\(kernel[0].count)x\(kernel[0][0].count)) does not fit the padded image")
        }
        guard upstream.count == size.rows, upstream.allSatisfy({ $0.count == size.columns }) else {
            throw CommandError("upstream must have the feature map's shape, \(size.rows)x\(size.columns);"
                + " got \(upstream.count)x\(upstream.first?.count ?? 0)")
        }
        self.image = image
        self.kernel = kernel
        self.stride = stride
        (padTop, padBottom, padLeft, padRight) = padding
        self.dilation = dilation
        self.bias = bias
        self.relu = relu
        self.upstream = upstream
        (outputRows, outputColumns) = size
        var z = [[Double]](repeating: [Double](repeating: bias, count: size.columns), count: size.rows)
        for c in image.indices {
            let paddedImage = Self.padded(image[c], top: padding.top, bottom: padding.bottom, left: padding.left, right: padding.right)
            let map = Self.correlate(paddedImage, Self.spread(kernel[c], by: dilation), stride: stride)
            for r in 0..<size.rows { for s in 0..<size.columns { z[r][s] += map[r][s] } }
        }
        preActivation = z
        outputGradient = relu ? zip(upstream, z).map { zip($0, $1).map { $1 > 0 ? $0 : 0 } } : upstream
    }

    // MARK: Term by term

    /// The padded image's value at padded coordinates (0 in the padding ring).
    func paddedValue(channel: Int, row: Int, column: Int) -> Double {
        let (y, x) = (row - padTop, column - padLeft)
        guard (0..<imageRows).contains(y), (0..<imageColumns).contains(x) else { return 0 }
        return image[channel][y][x]
    }

    /// The inputs kernel weight (i, j) of `channel` met, one per window: OH x OW, at padded
    /// rows iD, iD + S, ... and columns jD, jD + S, ...
    func inputsTouched(channel: Int, row i: Int, column j: Int) -> [[Double]] {
        (0..<outputRows).map { r in
            (0..<outputColumns).map { s in paddedValue(channel: channel, row: r * stride + i * dilation, column: s * stride + j * dilation) }
        }
    }

    /// dL/dK[channel][i][j] term by term: the inputs it touched times dL/dZ, summed.
    func kernelGradientTerms(channel: Int, row: Int, column: Int) -> [[Double]] {
        zip(inputsTouched(channel: channel, row: row, column: column), outputGradient).map { zip($0, $1).map { $0 * $1 } }
    }

    /// The window of the full convolution for padded pixel (y, x): KH x KW values of dL/dZ
    /// spread S apart and padded, nil where that grid holds a padding or spreading
    /// zero. Cell (a, b) pairs with the rotated kernel's (a, b), i.e. with K[KH-1-a][KW-1-b],
    /// the weight that touched (y, x) from the window (r, s) = ((y - iD) / S, (x - jD) / S).
    func upstreamWindow(row y: Int, column x: Int) -> [[Double?]] {
        (0..<kernelRows).map { a in
            (0..<kernelColumns).map { b in
                let i = kernelRows - 1 - a, j = kernelColumns - 1 - b
                let (rowOffset, columnOffset) = (y - i * dilation, x - j * dilation)
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
                (0..<imageColumns).map { x in inputGradientTerms(channel: c, row: y + padTop, column: x + padLeft).joined().reduce(0, +) }
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

    /// The image with its padding, Hp x Wp.
    func paddedImage(channel: Int) -> [[Double]] {
        Self.padded(image[channel], top: padTop, bottom: padBottom, left: padLeft, right: padRight)
    }

    /// The cross-correlation of the padded image with (spread) dL/dZ, read at the taps (every
    /// D-th cell from the corner, kernel-sized): equal to `kernelGradient`.
    func kernelGradientByCorrelation(channel: Int) -> [[Double]] {
        let full = Self.correlate(paddedImage(channel: channel), spreadOutputGradient.map { $0.map { $0 ?? 0 } }, stride: 1)
        return (0..<kernelRows).map { i in (0..<kernelColumns).map { j in full[i * dilation][j * dilation] } }
    }

    /// The kernel turned by 180 degrees and spread by the dilation (zeros between its taps).
    func rotatedSpreadKernel(channel: Int) -> [[Double]] {
        Self.spread(rotatedKernel(channel: channel), by: dilation)
    }

    /// dL/dZ spread and padded by span - 1 on each side (plus on the bottom and right whatever
    /// rows and columns no window reached), nil at every inserted zero: the input of the full
    /// convolution, (Hp + span - 1) x (Wp + span - 1).
    var fullyPaddedOutputGradient: [[Double?]] {
        let spread = spreadOutputGradient
        let rows = paddedRows + spanRows - 1, columns = paddedColumns + spanColumns - 1
        return (0..<rows).map { y in
            (0..<columns).map { x in
                let (u, v) = (y - (spanRows - 1), x - (spanColumns - 1))
                guard spread.indices.contains(u), spread[0].indices.contains(v) else { return nil }
                return spread[u][v]
            }
        }
    }

    /// The full convolution of dL/dZ with the kernel: the padded gradient cross-correlated with
    /// the (spread) kernel rotated 180 degrees, Hp x Wp (padding ring included): equal to dL/dXp.
    func paddedInputGradientByConvolution(channel: Int) -> [[Double]] {
        Self.correlate(fullyPaddedOutputGradient.map { $0.map { $0 ?? 0 } }, rotatedSpreadKernel(channel: channel), stride: 1)
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
        padded(matrix, top: amount, bottom: amount, left: amount, right: amount)
    }

    /// `matrix` with rows of zeros above and below and columns of zeros left and right.
    static func padded(_ matrix: [[Double]], top: Int, bottom: Int, left: Int, right: Int) -> [[Double]] {
        let columns = left + matrix[0].count + right
        let zeroRow = [Double](repeating: 0, count: columns)
        return [[Double]](repeating: zeroRow, count: top)
            + matrix.map { [Double](repeating: 0, count: left) + $0 + [Double](repeating: 0, count: right) }
            + [[Double]](repeating: zeroRow, count: bottom)
    }

    /// `matrix` with `factor - 1` zeros between neighbouring values (a dilated kernel).
    static func spread(_ matrix: [[Double]], by factor: Int) -> [[Double]] {
        guard factor > 1 else { return matrix }
        let rows = (matrix.count - 1) * factor + 1, columns = (matrix[0].count - 1) * factor + 1
        return (0..<rows).map { y in
            (0..<columns).map { x in y % factor == 0 && x % factor == 0 ? matrix[y / factor][x / factor] : 0 }
        }
    }
}
