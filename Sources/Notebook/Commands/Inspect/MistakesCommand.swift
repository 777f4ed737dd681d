import NeuralNet

/// `mistakes [N]`: test images the model gets wrong, with the true and the predicted class.
enum MistakesCommand: Command {
    static let name = "mistakes"
    static let forms = [CommandForm(nil, [.optional("N", .integer(1...100))])]
    static let summary = "test images the model gets wrong"
    static let discussion = """
        Draws the first N (default 6) test images whose predicted class is not their
        label, each with its index, its true class and what the model took it for (and
        how sure it was). Many mistakes are understandable: shirts, T-shirts,
        pullovers and coats look alike at 28x28. 'predict INDEX' looks at one of them
        closer.
        """
    static let examples = ["mistakes", "mistakes 12"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let limit = invocation.integer("N") ?? 6
        let workspace = session.workspace
        let model = try workspace.requireClassifier()
        let images = try workspace.requireTestSet(in: session, for: model)
        let evaluation: Evaluation
        if let last = workspace.lastEvaluation, last.count == images.count {
            evaluation = last
        } else {
            evaluation = model.evaluate(ImageExamples(images: images), batchSize: workspace.inferenceBatchSize(for: model))
            workspace.lastEvaluation = evaluation
        }
        let wrong = zip(evaluation.trueLabels, evaluation.predictedLabels).filter { $0 != $1 }.count
        let shown = MistakeGallery.mistakes(trueLabels: evaluation.trueLabels, predictedLabels: evaluation.predictedLabels,
                                            limit: limit)
        let console = session.console
        guard !shown.isEmpty else {
            console.line("the model gets all \(NumberFormat.grouped(evaluation.count)) test images right")
            return
        }
        console.line("the model gets \(NumberFormat.grouped(wrong)) of \(NumberFormat.grouped(evaluation.count)) test images wrong; "
                     + "the first \(shown.count):")
        console.line()
        MistakeGallery.lines(shown, images: images, predictedLabels: evaluation.predictedLabels,
                             probabilities: evaluation.probabilities.scalars, classCount: model.outputShape[0],
                             capabilities: console.capabilities)
            .forEach { console.line($0) }
    }
}
