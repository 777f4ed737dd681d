/// `conv image [ROWS] [ROWS] ...` and `conv kernel NAME|[ROWS] [ROWS] ...`: set the demo's
/// matrices (one per channel), bring back the defaults (`default`), or show them when given
/// nothing.
enum ConvMatrixCommands {
    /// `conv image`: `words` are the matrices, one per channel.
    static func setImage(_ words: [String], in session: Session) throws {
        let demo = session.demo
        if isDefault(words) {  // as many default channels as the kernel has
            demo.images = ConvDemoDefaults.images(channels: demo.kernels.count)
            demo.stop()
        }
        let parsed = isDefault(words) ? [] : try ConvMatrixList.parse(words, what: "image", names: false)
        if !parsed.isEmpty {
            demo.images = parsed.map(\.matrix)
            demo.stop()
        }
        let console = session.console
        for channel in demo.images.indices {
            let title = "image \(demo.image.rowCount)x\(demo.image.columnCount)" + (demo.channels > 1 ? " (ch \(channel + 1))" : "")
            console.write(ConvDemoRenderer.layout([
                .init(title: title, lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(demo.images[channel].rows), marked: nil,
                                                                 console: console)),
            ], operators: [], width: console.capabilities.width))
        }
        guard !parsed.isEmpty else { return }
        if demo.kernels.count != demo.images.count {
            console.line("note: the kernel has \(demo.kernels.count) channel\(demo.kernels.count == 1 ? "" : "s"):"
                + " give 'conv kernel' \(demo.images.count) matri\(demo.images.count == 1 ? "x" : "ces") before 'conv demo'")
        } else {
            console.line("'conv demo' slides the kernel over it.")
        }
    }

    /// `conv kernel`: `words` are names or matrices, one per channel.
    static func setKernel(_ words: [String], in session: Session) throws {
        let demo = session.demo
        if isDefault(words) {  // as many default channels as the image has
            let named = ConvDemoDefaults.kernels(channels: demo.images.count)
            demo.kernels = named.map(\.matrix)
            demo.kernelNames = named
            demo.stop()
        }
        let parsed = isDefault(words) ? [] : try ConvMatrixList.parse(words, what: "kernel", names: true)
        if !parsed.isEmpty {
            demo.kernels = parsed.map(\.matrix)
            demo.kernelNames = parsed.map(\.name)
            demo.stop()
        }
        let console = session.console
        for channel in demo.kernels.indices {
            let kernel = demo.kernels[channel]
            let title = "kernel \(kernel.rowCount)x\(kernel.columnCount)" + (demo.kernels.count > 1 ? " (ch \(channel + 1))" : "")
                + (demo.kernelNames[channel].map { ": \($0.rawValue)" } ?? "")
            console.write(ConvDemoRenderer.layout([
                .init(title: title, lines: ConvDemoRenderer.grid(ConvDemoRenderer.cells(kernel.rows), marked: nil, console: console)),
            ], operators: [], width: console.capabilities.width))
            if let name = demo.kernelNames[channel] { console.line("  (\(name.explanation))") }
        }
        if demo.kernel.rowCount > demo.image.rowCount || demo.kernel.columnCount > demo.image.columnCount {
            console.line("note: it is larger than the \(demo.image.rowCount)x\(demo.image.columnCount) image; 'conv demo' will need padding")
        }
        if !parsed.isEmpty, demo.kernels.count != demo.images.count {
            console.line("note: the image has \(demo.images.count) channel\(demo.images.count == 1 ? "" : "s"):"
                + " give 'conv image' \(demo.kernels.count) matri\(demo.kernels.count == 1 ? "x" : "ces") before 'conv demo'")
        }
    }

    /// Whether `words` is the one word `default`.
    private static func isDefault(_ words: [String]) -> Bool { words.count == 1 && words[0].lowercased() == "default" }

    /// `conv reset`: the default one-channel image and kernel, no demo running.
    static func reset(in session: Session) {
        let demo = session.demo
        demo.images = ConvDemoDefaults.images(channels: 1)
        demo.kernels = [NamedKernel.sobelX.matrix]
        demo.kernelNames = [.sobelX]
        demo.stop()
        session.console.line("The demo's image and kernel are the defaults again: a 5x5 image, bright on the left,"
            + "\nand the 3x3 sobel-x kernel. 'conv demo' starts it.")
    }
}
