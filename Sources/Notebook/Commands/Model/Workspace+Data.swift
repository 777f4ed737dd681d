import Datasets
import NeuralNet

extension Workspace {
    /// The training set, loading the full Fashion-MNIST first if no `data` command ran.
    /// Throws if there is none to be had (the bundled sample is for evaluation only).
    func requireTrainingSet(in session: Session, for model: Sequential? = nil) throws -> LabeledImages {
        if let trainingSet {
            try model.map { try checkFit(trainingSet, to: $0, set: "training") }
            return trainingSet
        }
        session.console.line("loading Fashion-MNIST (as 'data' does):")
        do {
            try DataCommand.load(in: session)
        } catch let error as CommandError {
            throw CommandError("no training data: \(error.message)")
        }
        guard let trainingSet else { throw CommandError("no training data; try 'data' or 'data sample'") }
        try model.map { try checkFit(trainingSet, to: $0, set: "training") }
        return trainingSet
    }

    /// The test set, loading the full Fashion-MNIST first if no `data` command ran, or, if it
    /// cannot be found, the bundled 1,000 test images (saying so; they are not trained on).
    func requireTestSet(in session: Session, for model: Sequential? = nil) throws -> LabeledImages {
        if let testSet {
            try model.map { try checkFit(testSet, to: $0, set: "test") }
            return testSet
        }
        session.console.line("loading Fashion-MNIST (as 'data' does):")
        do {
            try DataCommand.load(in: session)
        } catch let error as CommandError {
            session.console.line("\(error.message)")
            do {
                testSet = try FashionMNIST.sample()
            } catch let error as DatasetError {
                throw CommandError(error.description)
            }
            dataDescription = "the bundled Fashion-MNIST sample (the first 1,000 test images)"
            session.console.line("evaluating on the bundled sample instead: the first 1,000 test images")
        }
        guard let testSet else { throw CommandError("no test data; try 'data' or 'data sample'") }
        try model.map { try checkFit(testSet, to: $0, set: "test") }
        return testSet
    }

    /// Refuses images that `model` cannot take (`[rows, columns, 1]` must be its input
    /// shape) or an empty set, saying both shapes: no engine precondition is ever reached
    /// with data of the wrong shape.
    func checkFit(_ images: LabeledImages, to model: Sequential, set: String) throws {
        guard images.count > 0 else { throw CommandError("the \(set) set has no images; load another with 'data' or 'data sample'") }
        let shape = [images.rows, images.columns, 1]
        guard shape == model.inputShape else {
            throw CommandError("the \(set) images are \(shapeText(shape)) but the model takes \(shapeText(model.inputShape)); "
                               + "build the model with 'add input \(images.rows) \(images.columns) 1', or load 28x28 images ('data sample')")
        }
    }
}
