import NeuralNet
import TensorCore

/// `occlusion INDEX|FILE [patch=P] [numbers]`: where the model looked, by hiding one patch
/// of the image at a time.
enum OcclusionCommand: Command {
    static let name = "occlusion"
    static let forms = [
        CommandForm(nil, [.imageIndex()], options: options),
        CommandForm(nil, [.required("FILE", .file)], options: options),
    ]
    private static let options: [CommandOption] = [.keyword("patch", "P", .integer(Int(Int32.min)...Int(Int32.max))), .flag("numbers")]
    static let summary = "where the model looked: hide a patch, see the probability drop"
    static let discussion = """
        Sets a P x P patch of the image to zeros (black), at every position of a grid
        (stride P, so the patches tile the image), and asks the model again each time.
        The heat map beside the image shows, for each patch, how many percentage points
        the probability of the class the model predicts for the whole image drops when
        that patch is hidden: bright where the model looked, dark where hiding changes
        nothing (or makes it surer). All the occluded copies go through the model in
        one batch.
          INDEX      a test image (from 0), as 'predict INDEX'
          FILE       your own picture, framed as 'predict FILE' frames it
          patch=P    the patch's side in pixels (default 4: 7 x 7 positions)
          numbers    also print the grid of drops, one decimal
        """
    static let examples = [
        "occlusion 0 patch=7 numbers",
    ]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let numbers = invocation.flag("numbers")
        let workspace = session.workspace
        let model = try workspace.requireClassifier()
        let (rows, columns) = (model.inputShape[0], model.inputShape[1])
        let patch = invocation.integer("patch") ?? 4
        guard (1...min(rows, columns)).contains(patch) else {  // at most the image's side
            throw CommandError("patch must be between 1 and \(min(rows, columns)), got '\(patch)'")
        }
        let console = session.console
        let bytes: [UInt8]
        if let word = invocation.word("FILE") {
            let outcome = try PictureClassification.classify(path: word, model: model)
            console.line("\(word): framed as a 28x28 Fashion-MNIST image ('predict \(word)' shows how)")
            bytes = outcome.framing.pixels
        } else {
            let (images, isSample) = try TestImages.images(.test, in: session)
            try workspace.checkFit(images, to: model, set: "test")
            let index = try invocation.index("INDEX", below: images.count)
            if isSample { console.line(TestImages.sampleNote(images)) }
            let label = Int(images.labels[index])
            console.line("test image \(index): \(TestImages.className(label)) (label \(label))")
            bytes = Array(images.pixels(at: index))
        }
        let count = 1 + ((rows + patch - 1) / patch) * ((columns + patch - 1) / patch)
        let batchSize = (try? workspace.checkMemory(of: model, batchSize: count)) != nil
            ? count : workspace.inferenceBatchSize(for: model)
        let map = OcclusionMap.compute(image: bytes.map { Float(Double($0) / 255) }, rows: rows, columns: columns,
                                       patch: patch, model: model, batchSize: batchSize)
        OcclusionReport.lines(map, image: PixelMap(rows: rows, columns: columns, bytes: bytes),
                              classNames: workspace.classNames, numbers: numbers, capabilities: console.capabilities)
            .forEach { console.line($0) }
        if workspace.weightsAreFresh { console.line("(not trained yet: the model is guessing; 'train' first)") }
    }
}
