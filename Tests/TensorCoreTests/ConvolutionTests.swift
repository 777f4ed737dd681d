import Testing
@testable import TensorCore

@Suite struct ConvolutionTests {
    @Test func validOutputSizeIsTheTutorialsFormula() throws {
        let g = try ConvolutionGeometry(inputHeight: 28, inputWidth: 28, channels: 1, kernelHeight: 3, kernelWidth: 3, stride: 2, padding: .valid)
        #expect((g.outputHeight, g.outputWidth) == (13, 13))
        let g2 = try ConvolutionGeometry(inputHeight: 13, inputWidth: 13, channels: 32, kernelHeight: 3, kernelWidth: 3, stride: 2, padding: .valid)
        #expect(g2.outputHeight == 6)
        let g3 = try ConvolutionGeometry(inputHeight: 6, inputWidth: 6, channels: 64, kernelHeight: 3, kernelWidth: 3, stride: 2, padding: .valid)
        #expect(g3.outputHeight == 2)
    }

    @Test func samePaddingSplitsAsTensorFlowDoes() throws {
        // 28, k=3, s=2: out 14, total pad (13*2 + 3 - 28) = 1 -> 0 before, 1 after.
        let g = try ConvolutionGeometry(inputHeight: 28, inputWidth: 27, channels: 1, kernelHeight: 3, kernelWidth: 3, stride: 2, padding: .same)
        #expect((g.outputHeight, g.padTop, g.padBottom) == (14, 0, 1))
        // 27, k=3, s=2: out 14, total pad (13*2 + 3 - 27) = 2 -> 1 and 1.
        #expect((g.outputWidth, g.padLeft, g.padRight) == (14, 1, 1))
        // 5, k=4, s=1: out 5, total 3 -> 1 before, 2 after.
        let even = try ConvolutionGeometry(inputHeight: 5, inputWidth: 5, channels: 1, kernelHeight: 4, kernelWidth: 4, stride: 1, padding: .same)
        #expect((even.outputHeight, even.padTop, even.padBottom) == (5, 1, 2))
        // 6, k=1, s=3: no padding needed.
        let none = try ConvolutionGeometry(inputHeight: 6, inputWidth: 6, channels: 1, kernelHeight: 1, kernelWidth: 1, stride: 3, padding: .same)
        #expect((none.outputHeight, none.padTop, none.padBottom) == (2, 0, 0))
    }

    @Test func windowsThatDoNotFitAreErrors() {
        #expect(throws: ShapeError.self) {
            try ConvolutionGeometry(inputHeight: 2, inputWidth: 2, channels: 1, kernelHeight: 3, kernelWidth: 3, stride: 1, padding: .valid)
        }
        #expect(throws: ShapeError.self) {
            try ConvolutionGeometry(inputHeight: 5, inputWidth: 5, channels: 1, kernelHeight: 3, kernelWidth: 3, stride: 0, padding: .same)
        }
    }

    @Test(arguments: [Padding.valid, .same], [1, 2, 3])
    func im2colConvolutionMatchesDirect(padding: Padding, stride: Int) throws {
        for (height, width, channels, kernelSize, filters) in [(5, 5, 1, 3, 1), (7, 6, 3, 3, 4), (9, 8, 2, 4, 3), (6, 7, 5, 1, 2), (11, 10, 3, 5, 6)] {
            let input = Tensor(shape: [2, height, width, channels], scalars: randomScalars(2 * height * width * channels, seed: 10))
            let kernel = Tensor(shape: [kernelSize, kernelSize, channels, filters],
                                scalars: randomScalars(kernelSize * kernelSize * channels * filters, seed: 11))
            let fast = try Convolution.convolve(input, kernel: kernel, stride: stride, padding: padding)
            let direct = try Convolution.directConvolve(input, kernel: kernel, stride: stride, padding: padding)
            #expect(fast.shape == direct.shape)
            let (difference, index) = largestDifference(fast.scalars, direct.scalars)
            #expect(difference < 1e-5, "\(height)x\(width)x\(channels) k\(kernelSize) s\(stride) \(padding): differ by \(difference) at \(index), shape \(fast.shape)")
        }
    }

    /// Window rows of 96 and 21 scalars (the C copies' 16-lane, 4-lane and single steps), and
    /// a batch of 130, which im2col and col2im split over the cores.
    @Test(arguments: [Padding.valid, .same])
    func im2colOfWideRowsAndLargeBatchesMatchesDirect(padding: Padding) throws {
        for (batch, height, width, channels, kernelSize, filters) in [(3, 8, 7, 32, 3, 5), (130, 7, 9, 7, 3, 2)] {
            let input = Tensor(shape: [batch, height, width, channels],
                               scalars: randomScalars(batch * height * width * channels, seed: 12))
            let kernel = Tensor(shape: [kernelSize, kernelSize, channels, filters],
                                scalars: randomScalars(kernelSize * kernelSize * channels * filters, seed: 13))
            let fast = try Convolution.convolve(input, kernel: kernel, stride: 2, padding: padding)
            let direct = try Convolution.directConvolve(input, kernel: kernel, stride: 2, padding: padding)
            let (difference, index) = largestDifference(fast.scalars, direct.scalars)
            #expect(difference < 1e-4, "\(batch)x\(height)x\(width)x\(channels) \(padding): differ by \(difference) at \(index)")
        }
    }

    @Test func directConvolutionOfTheTutorialExample() throws {
        // A 5x5 image and a 3x3 kernel give a 3x3 map; the corner cell is the window's sum.
        let image = Tensor(shape: [1, 5, 5, 1], scalars: (1...25).map(Float.init))
        let ones = Tensor(shape: [3, 3, 1, 1], repeating: 1)
        let map = try Convolution.directConvolve(image, kernel: ones, stride: 1, padding: .valid)
        #expect(map.shape == [1, 3, 3, 1])
        #expect(map.scalars[0] == 1 + 2 + 3 + 6 + 7 + 8 + 11 + 12 + 13)
    }

    /// With 32 channels the rows are summed in 16-lane vectors; a batch of 130 is split over the cores.
    @Test(arguments: [Padding.valid, .same], [(3, 2), (32, 130)])
    func col2imIsTheAdjointOfIm2col(padding: Padding, channelsAndBatch: (Int, Int)) throws {
        // <im2col(x), c> must equal <x, col2im(c)> for every x and c.
        let (channels, batch) = channelsAndBatch
        let g = try ConvolutionGeometry(inputHeight: 7, inputWidth: 8, channels: channels, kernelHeight: 3, kernelWidth: 3, stride: 2, padding: padding)
        let x = randomScalars(batch * g.inputCount, seed: 20)
        let c = randomScalars(batch * g.outputPositions * g.windowCount, seed: 21)
        var columns = [Float](repeating: 0, count: c.count)
        var back = [Float](repeating: 7, count: x.count)
        x.withUnsafeBufferPointer { input in
            columns.withUnsafeMutableBufferPointer { Im2col.im2col(input, batch: batch, geometry: g, columns: $0) }
        }
        c.withUnsafeBufferPointer { source in
            back.withUnsafeMutableBufferPointer { Im2col.col2im(source, batch: batch, geometry: g, input: $0) }
        }
        let left = zip(columns, c).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let right = zip(x, back).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(abs(left - right) < 1e-3 * Double(batch * channels), "<im2col(x), c> = \(left) but <x, col2im(c)> = \(right)")
    }
}
