import NeuralNet
import TensorCore

/// `predict`: classify a test image or your own picture
enum PredictCommand: Command {
    static let name = "predict"
    static let forms = [CommandForm(nil, [.imageIndex()]), CommandForm(nil, [.required("FILE", .file)])]
    static let summary = "classify a test image or your own picture"
    static let discussion = """
        predict INDEX   test image INDEX (from 0): the picture, its true class, and the
                        model's three most probable classes with their probabilities
                        (the softmax of the last layer, as model.predict gives them);
                        then the ten scores (logits) before the softmax, the
                        softmax worked out class by class, and the loss.
        predict FILE    your own picture (PNG, PGM or PPM): framed as a 28x28 Fashion-MNIST
                        image (light backgrounds inverted), then classified the same way.
        Works on any model that gives one score per class; an untrained one guesses.
        """
    static let examples = ["predict 0"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        if let path = invocation.word("FILE") {  // "2024-05-01.png" is a file, "-3" a wrong INDEX
            try PictureClassification.run(path: path, in: session)
            return
        }
        let workspace = session.workspace
        let model = try workspace.requireClassifier()
        let test = try workspace.requireTestSet(in: session, for: model)
        let index = try invocation.index("INDEX", below: test.count)
        var image = Tensor.empty, labels: [Int32] = []
        ImageExamples(images: test).fill(indices: [index][...], images: &image, labels: &labels)
        let probabilities = model.predict(image).scalars
        let logits = PredictionScores.logits(of: model, input: image)
        let truth = Int(test.labels[index])
        let best = TopClasses.ranked(probabilities, count: 1).first?.label ?? -1
        let console = session.console
        console.line("test image \(index): \(workspace.classNames[truth]) (label \(truth))")
        ImageRenderer.picture(PixelMap(rows: test.rows, columns: test.columns, bytes: test.pixels(at: index)),
                              capabilities: console.capabilities).forEach { console.line($0) }
        console.line("the model's guesses" + (best == truth ? " (right):" : " (wrong):"))
        TopClasses.lines(probabilities, classNames: workspace.classNames, capabilities: console.capabilities)
            .forEach { console.line($0) }
        PredictionScores.lines(logits: logits, model: model, classNames: workspace.classNames, truth: truth,
                               width: console.capabilities.width).forEach { console.line($0) }
        if workspace.weightsAreFresh { console.line("(not trained yet: the model is guessing; 'train' first)") }
    }
}
