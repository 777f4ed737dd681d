/// The demo's fixed starting matrices, one set per channel count, so `conv demo channels=C`
/// always shows the same numbers (the lessons and `help conv` rely on them).
///
/// Channel 1 is the one-channel demo's image (bright left, dark right) under Sobel-x;
/// channel 2 is dark at the top, bright at the bottom, under Sobel-y; channel 3 has a bright
/// middle under the identity kernel. All images are 5x5, all kernels 3x3.
enum ConvDemoDefaults {
    /// The one-channel image: a bright region on the left, dark on the right, so the default
    /// vertical-edge kernel (sobel-x) lights up along the boundary.
    static let image = ConvMatrix([
        [2, 3, 3, 0, 1],
        [3, 2, 3, 1, 0],
        [3, 3, 2, 0, 0],
        [2, 3, 3, 1, 0],
        [3, 2, 3, 0, 1],
    ])

    /// The second channel: dark top rows, bright bottom rows (a horizontal edge).
    static let secondImage = ConvMatrix([
        [1, 0, 1, 0, 0],
        [0, 1, 0, 0, 1],
        [1, 1, 0, 1, 1],
        [3, 3, 2, 3, 3],
        [3, 2, 3, 3, 2],
    ])

    /// The third channel: a bright blob in the middle.
    static let thirdImage = ConvMatrix([
        [0, 0, 0, 0, 0],
        [0, 1, 2, 1, 0],
        [0, 2, 4, 2, 0],
        [0, 1, 2, 1, 0],
        [0, 0, 0, 0, 0],
    ])

    static let kernelNames: [NamedKernel] = [.sobelX, .sobelY, .identity]

    /// The image's first `channels` channels (1...3).
    static func images(channels: Int) -> [ConvMatrix] {
        Array([image, secondImage, thirdImage].prefix(channels))
    }

    /// The kernel's first `channels` channels (1...3), all named.
    static func kernels(channels: Int) -> [NamedKernel] {
        Array(kernelNames.prefix(channels))
    }

    /// What the defaults for `channels` are, for the demo and `help conv`: "the default
    /// 2-channel image (channel 1 bright on the left, ...) and kernel (sobel-x, sobel-y)".
    static func describe(channels: Int, image: Bool = true, kernel: Bool = true) -> String {
        let looks = ["bright on the left", "bright at the bottom", "a bright middle"]
        let imageText = "image (" + (0..<channels).map { "channel \($0 + 1) \(looks[$0])" }.joined(separator: ", ") + ")"
        let kernelText = "kernel (" + kernels(channels: channels).map(\.rawValue).joined(separator: ", ") + ")"
        return "the default \(channels)-channel " + [image ? imageText : nil, kernel ? kernelText : nil].compactMap { $0 }
            .joined(separator: " and ")
    }
}
