/// `conv demo [stride=S] [padding=valid|same|N] [dilation=D] [channels=C] [bias=B] [relu]`:
/// the introduction, then the first window (terminal) or every window.
enum ConvDemoRun {
    static let strideRange = 1...12
    static let paddingRange = 0...4
    static let dilationRange = 1...4
    static let channelRange = 1...ConvDemoState.maximumChannels
    static let biasRange = -1_000_000.0...1_000_000.0

    /// Starts the demo with these settings. `channels`, when given and different from the
    /// image's or kernel's channel count, loads the fixed defaults for that many channels
    /// (`ConvDemoDefaults`) in place of whichever does not match, and says so.
    static func run(stride: Int, padding: PaddingChoice, dilation: Int, channels: Int?, bias: Double, relu: Bool,
                    in session: Session) throws {
        let demo = session.demo
        let console = session.console
        if let channels {
            let (newImage, newKernel) = (demo.images.count != channels, demo.kernels.count != channels)
            if newImage {
                demo.images = ConvDemoDefaults.images(channels: channels)
            }
            if newKernel {
                let names = ConvDemoDefaults.kernels(channels: channels)
                demo.kernels = names.map(\.matrix)
                demo.kernelNames = names
            }
            if newImage || newKernel {
                let what = newImage && newKernel ? "image and kernel" : (newImage ? "image" : "kernel")
                let sentence = "channels=\(channels): the demo's \(what) did not have \(channels) channel\(channels == 1 ? "" : "s"),"
                    + " so it now uses "
                    + ConvDemoDefaults.describe(channels: channels, image: newImage, kernel: newKernel) + "."
                    + " 'conv image' and 'conv kernel' with \(channels) matrices set your own."
                for line in TextLayout.wrap(sentence, width: min(console.capabilities.width, 80)) { console.line(line) }
                console.line()
            }
        }
        try demo.start(stride: stride, padding: padding, dilation: dilation, bias: bias, relu: relu)
        demo.gradientWalk = nil
        console.write(demo.introduction(console: console))
        try demo.begin(in: session, hint: "Enter (or 'conv step') shows the next window, 'conv run' the rest.")
    }
}
