import Foundation
import NeuralNet

/// `evaluate`: test accuracy, loss, per-class accuracy and confusion matrix
enum EvaluateCommand: Command {
    static let name = "evaluate"
    static let forms = [CommandForm()]
    static let summary = "test accuracy, loss, per-class accuracy and confusion matrix"
    static let discussion = """
        model.evaluate(x_test, y_test): the accuracy and the loss on the test images, which
        the model never trained on; then the accuracy of each class, and the confusion
        matrix (which classes are taken for which). Works on any model with weights,
        compiled or not (a freshly built one guesses: about 10%). Loads the data if 'data'
        was not run (the bundled 1,000 test images if the full set is not found).
        'mistakes' then shows the images it got wrong.
        """
    static let examples = ["evaluate"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let workspace = session.workspace
        let model = try workspace.requireClassifier()
        let test = try workspace.requireTestSet(in: session, for: model)
        let evaluation = model.evaluate(ImageExamples(images: test), batchSize: workspace.inferenceBatchSize(for: model))
        workspace.lastEvaluation = evaluation
        session.console.line("accuracy: \(ProgressBar.metric(evaluation.accuracy)) - loss: \(ProgressBar.metric(evaluation.loss))"
                             + " (\(evaluation.count) test images, \(String(format: "%.2f", evaluation.seconds))s)")
        let matrix = ConfusionMatrix(classNames: workspace.classNames,
                                     trueLabels: evaluation.trueLabels.map(Int.init),
                                     predictedLabels: evaluation.predictedLabels.map(Int.init))
        session.console.line()
        for line in matrix.perClassLines(capabilities: session.console.capabilities) { session.console.line(line) }
        session.console.line()
        for line in matrix.matrixLines(capabilities: session.console.capabilities) { session.console.line(line) }
    }
}
