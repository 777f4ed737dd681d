/// Makes a "photo" of a Fashion-MNIST image for tests: enlarged with bilinear interpolation,
/// a dark garment on a light, slightly uneven and noisy background, off-centre on a larger
/// canvas, in colour. The reverse of what `FashionMNISTFraming` undoes.
enum PhotoMaker {
    /// An RGB picture (`width` x `height` x 3 bytes) of the 28x28 `image` enlarged `scale` times.
    static func photo(of image: [UInt8], scale: Int = 12, width: Int = 440, height: Int = 380,
                      left: Int = 60, top: Int = 22, seed: UInt64 = 7) -> [UInt8] {
        let side = 28 * scale
        precondition(left + side <= width && top + side <= height)
        var state = seed
        func noise() -> Double {  // SplitMix64, uniform in -1...1
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53) * 2 - 1
        }
        func source(_ x: Int, _ y: Int) -> Double {
            Double(image[min(27, max(0, y)) * 28 + min(27, max(0, x))]) / 255
        }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                // A light background, brighter towards the top right, with sensor noise.
                let background = 228 + 14 * Double(x) / Double(width) - 8 * Double(y) / Double(height)
                var garment = 0.0
                if (left..<(left + side)).contains(x) && (top..<(top + side)).contains(y) {
                    let u = (Double(x - left) + 0.5) / Double(scale) - 0.5
                    let v = (Double(y - top) + 0.5) / Double(scale) - 0.5
                    let x0 = Int(u.rounded(.down)), y0 = Int(v.rounded(.down))
                    let fx = u - Double(x0), fy = v - Double(y0)
                    garment = (source(x0, y0) * (1 - fx) + source(x0 + 1, y0) * fx) * (1 - fy)
                        + (source(x0, y0 + 1) * (1 - fx) + source(x0 + 1, y0 + 1) * fx) * fy
                }
                let grey = background * (1 - 0.85 * garment) + 3 * noise()
                let index = (y * width + x) * 3
                rgb[index] = UInt8(min(255, max(0, grey + 6)))
                rgb[index + 1] = UInt8(min(255, max(0, grey)))
                rgb[index + 2] = UInt8(min(255, max(0, grey - 8)))
            }
        }
        return rgb
    }
}
