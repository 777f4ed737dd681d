import Foundation
import Testing

/// What lessons 1-3 teach about the whole neuron, padding, stride, pooling, the receptive
/// field and where the parameters live, checked against what the binary prints when it runs
/// them (off a terminal, as `LessonEndToEndTests` does).
@Suite struct LessonClaimsTests {
    /// The lines of `output` after the first (or last) line containing `marker`, up to the
    /// next blank line.
    static func block(after marker: String, in output: String, last: Bool = false) -> [String] {
        let parts = output.components(separatedBy: marker)
        guard parts.count > 1 else { return [] }
        return Array(parts[last ? parts.count - 1 : 1].split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init))
    }

    /// The whole numbers on `line`, signs included.
    static func numbers(_ line: String) -> [Double] {
        line.split(whereSeparator: { $0 == " " || $0 == "[" || $0 == "]" }).compactMap { Double($0) }
    }

    @Test func lessonOneShowsAWholeNeuronAndARotatedKernel() throws {
        let result = try LessonProcess.run(["-c", "lesson 1"])
        let output = result.output
        #expect(result.status == 0, "\(output)")
        // "With 2 channels ... how many multiplications": 18 products per window, 9 per channel;
        // the bias is one addition: 19 parameters.
        let channelLines = output.split(separator: "\n").filter { $0.hasPrefix("  channel 1 sum:") || $0.hasPrefix("  channel 2 sum:") }
        #expect(channelLines.count == 18, "2 channels x 9 windows")
        let terms = channelLines.prefix(2).map { $0.split(separator: ":")[1].split(separator: "=")[0]
            .split(whereSeparator: { $0 == "+" || $0 == "-" }).count }
        #expect(terms == [9, 9], "\(channelLines.prefix(2))")
        #expect(output.contains("= (3*3*2 + 1) * 1 = 19 * 1"))
        // ReLU clips the negative values: before it the map has some, after it none.
        #expect(output.contains("negative: clipped to 0"))
        let maps = Self.block(after: "  before ReLU        feature map (after ReLU)", in: output, last: true)
        #expect(maps.count == 3, "\(maps)")
        let before = maps.map { Array(Self.numbers($0).prefix(3)) }, after = maps.map { Array(Self.numbers($0).suffix(3)) }
        #expect(before.joined().contains { $0 < 0 } && after.joined().allSatisfy { $0 >= 0 })
        #expect(zip(before.joined(), after.joined()).allSatisfy { $1 == max(0, $0) })
        // The edge map is drawn by sign with a key; zero is blank.
        #expect(output.contains("drawn by sign: zero is blank"))
        #expect(output.contains("  key: blank = about 0"))
        // Rotating Sobel-x by 180 degrees equals flipping it left to right, because its top
        // and bottom rows are equal; the rotated kernel the lesson types negates every sum.
        let sobel = Self.block(after: "kernel 3x3: sobel-x", in: output).prefix(3).map { Array(Self.numbers($0).suffix(3)) }
        #expect(sobel == [[1, 0, -1], [2, 0, -2], [1, 0, -1]], "\(sobel)")
        let rotated = sobel.reversed().map { Array($0.reversed()) }
        #expect(rotated == sobel.map { Array($0.reversed()) })
        #expect(output.contains("conv kernel [-1 0 1; -2 0 2; -1 0 1]"))
        #expect(rotated == [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
        #expect(output.contains("not rotated by 180 degrees"))
    }

    @Test func lessonTwoShowsPaddingPerSideStridePoolingAndTheReceptiveField() throws {
        let result = try LessonProcess.run(["-c", "lesson 2"])
        let output = result.output
        #expect(result.status == 0, "\(output)")
        // Keras's 'same' at stride 2: the single zero goes at the bottom and right.
        #expect(output.contains("Per side: 0 at the top and left, 1 at the bottom and right (the odd one last)."))
        #expect(output.contains("rows: (ceil(4/2) - 1)*2 + 3 - 4 = 1 -> 0 at the top, 1 at the bottom"))
        #expect(output.contains("columns: (ceil(4/2) - 1)*2 + 3 - 4 = 1 -> 0 on the left, 1 on the right"))
        #expect(output.contains("\n    1  2  3  4  .  "))
        // Stride 2 without padding never reaches the last row and column.
        #expect(output.contains("Never visited (0, bracketed): image row 4 and column 4."))
        #expect(output.contains("Every cell of the image is read by at least one window."))
        // Pooling: 6 8 14 16, and 11 -> 5 drops the 11th row.
        #expect(output.contains("The 2x2 pooled map is complete: [6 8; 14 16]."))
        #expect(output.contains("The 2x2 pooled map is complete: [3.5 5.5; 11.5 13.5]."))
        #expect(output.contains("Never visited by the kernel: input row 11"))
        // The receptive field of the tutorial's three layers: 3, 7, 15.
        for size in ["3x3 pixels", "7x7 pixels", "15x15 pixels"] { #expect(output.contains(size), "\(size)") }
        #expect(output.contains("7 + (3-1)*4 = 15"))
    }

    @Test func lessonThreeSaysWhichPartGivesEquivarianceAndWhereTheParametersAre() throws {
        let result = try LessonProcess.run(["-c", "lesson 3"])
        let output = result.output
        #expect(result.status == 0, "\(output)")
        // The spot moved within its pooling window: the same pooled map both times.
        #expect(output.components(separatedBy: "The 2x2 pooled map is complete: [9 0; 0 0].").count == 3)
        // The Dense layer is large only because of its 512 inputs: 2x2x128 after the
        // convolutions; on the raw image, or on an unshrunk 28x28x128, it would be larger.
        #expect(output.contains("2, 2, 128") || output.contains("2x2x128"))
        #expect(2 * 2 * 128 == 512 && 28 * 28 * 128 == 100_352)
        #expect(output.contains("= 401,920") && output.contains("= 51,380,736"))
        #expect(401_920 > 262_656 && 51_380_736 > 262_656)
    }
}
