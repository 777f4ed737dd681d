#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Datasets
import Foundation

/// `conv learn [target=KERNEL] [image=INDEX] [steps=N] [lr=X] [seed=N]`: a kernel learned from
/// random weights by gradient descent, so that its feature map of a real Fashion-MNIST image
/// matches the target kernel's. Prints the loss and the kernel at steps 0, 1, 3, 10, 30, ...;
/// on a terminal the kernel and both feature maps are redrawn in place as it learns.
enum ConvLearn {
    static let defaultSteps = 3000
    /// The default learning rate is this over the loss's largest curvature (2 would overshoot).
    static let learningRateFactor = 1.5
    static let defaultSeed = 1
    static let stepRange = 1...100_000
    static let learningRateRange = 0.000_001...100.0
    static let largestTarget = 7
    /// Redraws on a terminal, and the pause between them.
    static let frames = 60
    static let frameSeconds = 0.03

    struct Settings {
        var target = NamedKernel.sobelX.matrix
        var targetName: String? = NamedKernel.sobelX.rawValue
        var image = 0
        var steps = defaultSteps
        /// nil: `learningRateFactor / largest curvature` of the chosen image.
        var learningRate: Double?
        var seed = defaultSeed
    }

    /// `target` as `conv kernel` reads it: a name or `[ROWS]`; square, at most 7x7.
    static func target(_ text: String) throws -> (matrix: ConvMatrix, name: String?) {
        let (matrix, named) = try NamedKernel.matrix(parsing: text, what: "target")
        guard matrix.rowCount == matrix.columnCount, matrix.rowCount <= largestTarget else {
            throw CommandError("target must be square and at most \(largestTarget)x\(largestTarget) (the engine's Conv2D"
                + " learns square kernels); got \(matrix.rowCount)x\(matrix.columnCount)")
        }
        return (matrix, named?.rawValue)
    }

    /// The steps at which the loss and kernel are printed: 0, 1, 3, 10, 30, ... and the last.
    static func checkpoints(steps: Int) -> [Int] {
        var points = [0], power = 1
        while power <= steps {
            points.append(power)
            if 3 * power <= steps { points.append(3 * power) }
            power *= 10
        }
        if points.last != steps { points.append(steps) }
        return points
    }

    static func run(_ settings: Settings, in session: Session) throws {
        let images: LabeledImages
        do {
            images = try FashionMNIST.sample()
        } catch {
            throw CommandError("cannot read the bundled Fashion-MNIST sample: \(error)")
        }
        guard (0..<images.count).contains(settings.image) else {
            throw CommandError("image must be between 0 and \(images.count - 1) (the bundled sample's test images), got \(settings.image)")
        }
        let label = Int(images.labels[settings.image])
        let pixels = images.pixels(at: settings.image).map { Float($0) / 255 }
        let curvature = ConvLearning.largestCurvature(pixels: pixels, rows: images.rows, columns: images.columns,
                                                      size: settings.target.rowCount)
        let automatic = curvature > 0 ? Double(String(format: "%.2g", learningRateFactor / curvature)) ?? 1 : 1
        let learningRate = settings.learningRate ?? automatic
        let learning = try ConvLearning(pixels: pixels, rows: images.rows, columns: images.columns, target: settings.target.rows,
                                        learningRate: Float(learningRate), seed: UInt64(settings.seed))
        let console = session.console
        let size = learning.size, cells = learning.mapRows * learning.mapColumns
        let className = label < FashionMNIST.classNames.count ? FashionMNIST.classNames[label] : "label \(label)"
        let targetText = settings.targetName ?? "[ROWS]"
        var intro = "conv learn: gradient descent looks for the \(size)x\(size) kernel whose feature map of test image"
            + " \(settings.image) (\(className)) is the \(targetText) kernel's. The loss is the mean over the"
            + " \(learning.mapRows)x\(learning.mapColumns) = \(NumberFormat.grouped(cells)) cells of (learned map - target map)^2."
            + " From random weights (seed \(settings.seed)), each step computes dL/dK with the engine's Conv2D backward"
            + " and moves every weight against it: kernel = kernel - lr * dL/dK."
        let curvatureText = NumberFormat.decimal(curvature, maximumFractionDigits: 3)
        if settings.learningRate == nil {
            intro += " The loss curves most steeply along one direction, by \(curvatureText) for this image; a step"
                + " larger than 2 / \(curvatureText) would overshoot further every time, so lr is"
                + " \(NumberFormat.decimal(learningRateFactor, maximumFractionDigits: 2)) / \(curvatureText), rounded:"
                + " \(NumberFormat.decimal(learningRate, maximumFractionDigits: 6)) (lr=X sets it)."
        } else {
            intro += " lr \(NumberFormat.decimal(learningRate, maximumFractionDigits: 6)) (the loss's largest"
                + " curvature is \(curvatureText) here: lr above 2 / \(curvatureText) overshoots)."
        }
        intro += " Only the kernel is learned; the bias stays 0."
        console.write(ConvGradientWalk.paragraph(intro, console))
        console.line()
        var computing = Duration.zero
        var interrupted = false
        if session.isInteractive {
            interrupted = animate(learning, settings: settings, in: session, computing: &computing)
        } else {
            console.line("   step          loss   kernel")
            for point in checkpoints(steps: settings.steps) {
                let before = ContinuousClock.now
                while learning.steps < point, !learning.hasDiverged { learning.step() }
                computing += ContinuousClock.now - before
                console.write(checkpointText(learning))
                if learning.hasDiverged { break }
            }
        }
        console.write(endText(learning, settings: settings, curvature: curvature, seconds: Double(computing.components.seconds) + Double(computing.components.attoseconds) * 1e-18, interrupted: interrupted, console: console))
    }

    /// One checkpoint: the step, the loss and the kernel's rows beside it.
    static func checkpointText(_ learning: ConvLearning) -> String {
        let rows = rowTexts(learning.kernel)
        var text = ""
        for (index, row) in rows.enumerated() {
            let left = index == 0
                ? TextLayout.padLeft(NumberFormat.grouped(learning.steps), 7) + "  " + TextLayout.padLeft(lossText(learning.loss), 12)
                : String(repeating: " ", count: 21)
            text += left + "   " + row + "\n"
        }
        return text
    }

    static func lossText(_ loss: Double) -> String {
        loss == 0 ? "0" : (loss >= 0.001 && loss < 10_000 ? String(format: "%.4f", loss) : String(format: "%.3e", loss))
    }

    /// Each row of `matrix` with `decimals` decimals, aligned.
    static func rowTexts(_ matrix: [[Double]], decimals: Int = 3) -> [String] {
        let texts = matrix.map { $0.map { value -> String in
            let text = String(format: "%.\(decimals)f", value)
            return Double(text) == 0 ? String(format: "%.\(decimals)f", 0.0) : text  // no "-0.000"
        } }
        let width = texts.joined().map(\.count).max() ?? 1
        return texts.map { $0.map { TextLayout.padLeft($0, width) }.joined(separator: " ") }
    }

    static func endText(_ learning: ConvLearning, settings: Settings, curvature: Double, seconds: Double, interrupted: Bool,
                        console: Console) -> String {
        var text = "\n" + (interrupted ? "stopped (Ctrl-C) after " : "after ") + "\(NumberFormat.grouped(learning.steps)) steps"
            + " (\(String(format: "%.2f", seconds)) s of computing): loss \(lossText(learning.loss))\n"
        let difference = zip(learning.kernel, learning.target).map { zip($0, $1).map { abs($0 - $1) } }
        text += ConvDemoRenderer.layout([
            .init(title: "learned", lines: rowTexts(learning.kernel)),
            .init(title: "target" + (settings.targetName.map { ": \($0)" } ?? ""), lines: rowTexts(learning.target)),
            .init(title: "|difference|", lines: rowTexts(difference, decimals: 4)),
        ], operators: ["", ""], width: console.capabilities.width)
        let largest = learning.largestDifference
        text += "  largest difference: \(NumberFormat.decimal(largest.value, maximumFractionDigits: 4))"
            + " (row \(largest.row), column \(largest.column))\n"
        if learning.hasDiverged {
            let limit = curvature > 0 ? NumberFormat.decimal(2 / curvature, maximumFractionDigits: 3) : "?"
            text += ConvGradientWalk.paragraph("The loss grew without bound: each step overshot further than the last."
                + " Gradient descent settles only with lr below 2 / \(NumberFormat.decimal(curvature, maximumFractionDigits: 3))"
                + " = \(limit) here; leave lr out to have it chosen.", console)
        } else if largest.value >= 0.01, !interrupted {
            text += ConvGradientWalk.paragraph("Not there yet: more steps (steps=N) or, if the loss grew, a smaller"
                + " learning rate (lr=X).", console)
        }
        return text
    }

    /// On a terminal: the kernel, the loss and both feature maps, redrawn `frames` times;
    /// true if Ctrl-C stopped it.
    static func animate(_ learning: ConvLearning, settings: Settings, in session: Session, computing: inout Duration) -> Bool {
        let console = session.console
        let height = TerminalCapabilities.currentHeight() ?? 0
        let every = max(settings.steps / frames, 1)
        var previousLines = 0
        Interruption.clear()
        while true {
            let frame = frameText(learning, settings: settings, console: console)
            let lines = frame.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            if previousLines > 0, previousLines == lines, lines < height - 1 {
                console.write("\u{1B}[\(previousLines)A\r\u{1B}[J")
            }
            console.write(frame)
            previousLines = lines
            if learning.steps >= settings.steps { return false }
            for _ in 0..<max(Int(frameSeconds * 100), 1) {
                if Interruption.isRequested { Interruption.clear(); return true }
                usleep(10_000)
            }
            let before = ContinuousClock.now
            let next = min(learning.steps + every, settings.steps)
            while learning.steps < next, !learning.hasDiverged { learning.step() }
            if learning.hasDiverged { return false }
            computing += ContinuousClock.now - before
        }
    }

    static func frameText(_ learning: ConvLearning, settings: Settings, console: Console) -> String {
        let capabilities = console.capabilities
        var text = "  step \(NumberFormat.grouped(learning.steps)) of \(NumberFormat.grouped(settings.steps)),"
            + " loss \(lossText(learning.loss))\n"
        for row in rowTexts(learning.kernel) { text += "    " + row + "\n" }
        // Both maps on the target's scale, so equal maps look equal.
        let low = learning.targetMap.scalars.min() ?? 0, high = learning.targetMap.scalars.max() ?? 1
        let scale = BrightnessScale.fixed(low...(high > low ? high : low + 1))
        let learned = PixelMap(rows: learning.mapRows, columns: learning.mapColumns, values: learning.map.scalars)
        let target = PixelMap(rows: learning.mapRows, columns: learning.mapColumns, values: learning.targetMap.scalars)
        let mosaic = TextMosaic(tiles: [
            .init(lines: ImageRenderer.lines(learned, scale: scale, capabilities: capabilities), width: learned.columns,
                  caption: "learned kernel's map"),
            .init(lines: ImageRenderer.lines(target, scale: scale, capabilities: capabilities), width: target.columns,
                  caption: "target's map"),
        ], gap: 4)
        for line in mosaic.lines(width: capabilities.width - 2) { text += (line.isEmpty ? "" : "  " + line) + "\n" }
        return text
    }
}
