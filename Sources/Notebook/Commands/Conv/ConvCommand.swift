#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `conv demo|step|run|image|kernel|apply`: a kernel sliding over an image, one window at a
/// time, with every multiplication shown.
enum ConvCommand: Command {
    static let name = "conv"
    static let changes = ScopeChange.demoOrData
    static let forms = [
        CommandForm("demo", options: [.stride(ConvDemoRun.strideRange), .padding(ConvDemoRun.paddingRange),
                                      .dilation(ConvDemoRun.dilationRange),
                                      .keyword("channels", "C", .integer(ConvDemoRun.channelRange)),
                                      .keyword("bias", "B", .number(ConvDemoRun.biasRange)), .flag("relu")]),
        CommandForm("step"),
        CommandForm("run"),
        CommandForm("image", [.repeating("[ROWS]", .text, label: "ROWS", optional: true, suggestions: { ["default"] })]),
        CommandForm("kernel", [.repeating("NAME|[ROWS]", .text, label: "the kernel", optional: true,
                                          suggestions: { NamedKernel.names + ["default"] })]),
        CommandForm("reset"),
        CommandForm("apply", [.required("KERNEL", .text, suggestions: { NamedKernel.names }), .imageIndex()]),
        CommandForm("grad", options: [.keyword("upstream", "[ROWS]", .text)]),
        CommandForm("learn", options: [.keyword("target", "KERNEL", .text), .keyword("image", "INDEX", .integer(0...100_000)),
                                       .keyword("steps", "N", .integer(ConvLearn.stepRange)),
                                       .keyword("lr", "X", .number(ConvLearn.learningRateRange)), .seed]),
    ]
    static let summary = "a kernel sliding over an image, step by step"
    static let discussion = """
        'conv demo' lays a 3x3 kernel on a 5x5 image and slides it along, window by
        window. For each window it shows the values under the kernel, the products of
        each value with the kernel weight above it, their sum, and the feature map
        filling in with that sum. On a terminal, Enter (or 'conv step') shows the next
        window and 'conv run' plays the rest; otherwise every window is printed.

        Deep learning calls this convolution, but it is cross-correlation: the kernel
        is used as it is. Mathematical convolution first rotates it by 180 degrees
        (flips it top to bottom and left to right). A learned kernel does not care,
        since it learns whichever way round it is used.

        stride=S moves the kernel S cells at a time; padding=N adds N rings of zeros
        around the image (drawn as dots) so the kernel can sit on the border. The
        output size is (IN + 2N - K) / S + 1, rounded down, and the rows and columns
        no window reaches are shown. padding=same pads as Keras and TensorFlow do:
        enough zeros for ceil(IN / S) outputs, the smaller half at the top and left,
        so at stride 2 a 28-wide image gets none on the left and one on the right.
        dilation=D spreads the kernel's taps D cells apart.

        A whole neuron: channels=C (1 to 3) gives the image and kernel C channels;
        each window then shows every channel's products and sum, the sum over the
        channels, + bias (bias=B) and, with relu, max(0, value): negative values are
        clipped to 0. If the image or kernel does not have C channels, channels=C
        uses fixed defaults: 5x5 images, channel 1 bright on the left (the
        one-channel image), channel 2 dark at the top and bright at the bottom,
        channel 3 a bright middle; kernels sobel-x, sobel-y and identity.

        'conv image' and 'conv kernel' set the matrices, one bracketed matrix per
        channel, rows split by ';' (up to 12x12), or show them when given nothing.
        Named kernels: identity, edge, sobel-x, sobel-y, blur, sharpen. 'conv reset'
        brings back the default image and kernel ('conv image default' or 'conv kernel
        default' just one of them). 'conv apply' runs a kernel over a
        real Fashion-MNIST image from the bundled sample.

        'conv grad' runs the backward pass on the demo's image and kernel, with its
        stride and padding: given the upstream gradient dL/dY (default all ones, one
        value per feature-map cell), each kernel weight's gradient dL/dK (the image
        cross-correlated with dL/dY), each pixel's dL/dX (the full convolution of dL/dY
        with the kernel turned 180 degrees) and dL/db, stepped like the demo.
        'conv learn' starts from random weights and, by gradient descent on the mean
        squared error between feature maps of a real image (test image INDEX of the
        sample), finds the target kernel again (default sobel-x, 3000 steps, lr from the
        image's largest curvature).
        """
    static let examples = [
        "conv demo",
        "conv kernel [1 0 -1; 1 0 -1; 1 0 -1]",
        "conv image [0 0 9 9; 0 0 9 9; 0 0 9 9; 0 0 9 9]",
        "conv demo stride=2 padding=1",
        "conv kernel sharpen",
        "conv apply edge 0",
        "conv demo channels=2 bias=-3 relu",
        "conv image [1 2; 3 4] [0 1; 1 0]",
        "conv reset",
        "conv grad upstream=[1 0 2; 0 1 0; 3 0 1]",
        "conv learn target=sharpen image=5",
    ]

    /// Seconds between windows when `conv run` animates on a terminal.
    static let frameSeconds = 0.15

    static func run(_ invocation: Invocation, in session: Session) throws {
        switch invocation.subcommand {
        case "demo": try demo(invocation, in: session)
        case "step":
            if let walk = session.demo.gradientWalk { try walk.step(in: session) } else { try session.demo.step(in: session) }
        case "run":
            if let walk = session.demo.gradientWalk { try walk.finish(in: session) } else { try play(in: session) }
        case "image": try ConvMatrixCommands.setImage(invocation.words("[ROWS]"), in: session)
        case "kernel": try ConvMatrixCommands.setKernel(invocation.words("NAME|[ROWS]"), in: session)
        case "reset": ConvMatrixCommands.reset(in: session)
        case "apply": try ConvApply.run(invocation, in: session)
        case "grad": try ConvGrad.run(upstream: invocation.word("upstream"), in: session)
        case "learn": try learn(invocation, in: session)
        default: preconditionFailure("conv has no sub-command '\(invocation.subcommand ?? "")'")
        }
    }

    /// `conv demo`: the settings, then `ConvDemoRun`.
    private static func demo(_ invocation: Invocation, in session: Session) throws {
        try ConvDemoRun.run(stride: invocation.integer("stride") ?? 1, padding: invocation.padding() ?? .valid,
                            dilation: invocation.integer("dilation") ?? 1, channels: invocation.integer("channels"),
                            bias: invocation.number("bias") ?? 0, relu: invocation.flag("relu"), in: session)
    }

    /// `conv learn`: the settings, then `ConvLearn`.
    private static func learn(_ invocation: Invocation, in session: Session) throws {
        var settings = ConvLearn.Settings()
        if let text = invocation.word("target") { (settings.target, settings.targetName) = try ConvLearn.target(text) }
        settings.image = invocation.integer("image") ?? 0
        settings.steps = invocation.integer("steps") ?? ConvLearn.defaultSteps
        settings.learningRate = invocation.number("lr") ?? settings.learningRate
        settings.seed = invocation.integer("seed") ?? ConvLearn.defaultSeed
        try ConvLearn.run(settings, in: session)
    }

    /// `conv run`: every window left. On a terminal it is an animation: a short pause between
    /// windows, each drawn over the one before when the screen is tall enough; Ctrl-C stops.
    private static func play(in session: Session) throws {
        let demo = session.demo
        guard demo.isStarted else { throw CommandError("no demo running: start one with 'conv demo'") }
        guard !demo.isFinished else { throw CommandError("every window has been shown: 'conv demo' starts again") }
        Interruption.clear()
        let height = session.isInteractive ? (TerminalCapabilities.currentHeight() ?? 0) : 0
        var previousLines = 0
        while !demo.isFinished {
            if session.isInteractive, previousLines > 0, !pause(seconds: frameSeconds) {
                Interruption.clear()
                session.console.line()
                session.console.line("stopped before window \(demo.nextWindow + 1) of \(demo.windowCount): 'conv run' goes on")
                return
            }
            let frame = try demo.nextStepText(console: session.console)
            // The window's lines, without the ending the last one carries.
            let lines = frame.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
                - (demo.isFinished ? demo.ending(width: session.console.capabilities.width).reduce(1) { $1 == "\n" ? $0 + 1 : $0 } : 0)
            if previousLines > 0, previousLines == lines, lines < height - 1 {
                session.console.write("\u{1B}[\(previousLines)A\r\u{1B}[J")  // back over the last frame
            }
            session.console.write(frame)
            previousLines = lines
        }
    }

    /// Sleeps for `seconds` in short slices; false if Ctrl-C came meanwhile.
    private static func pause(seconds: Double) -> Bool {
        for _ in 0..<max(Int(seconds * 100), 1) {
            if Interruption.isRequested { return false }
            usleep(10_000)
        }
        return !Interruption.isRequested
    }

}
