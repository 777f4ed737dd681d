import Datasets

extension Workspace {
    /// The training set, loading the full Fashion-MNIST first if no `data` command ran.
    /// Throws if there is none to be had (the bundled sample is for evaluation only).
    func requireTrainingSet(in session: Session) throws -> LabeledImages {
        if let trainingSet { return trainingSet }
        session.console.line("loading Fashion-MNIST (as 'data' does):")
        do {
            try DataCommand.load(in: session)
        } catch let error as CommandError {
            throw CommandError("no training data: \(error.message)")
        }
        guard let trainingSet else { throw CommandError("no training data; try 'data' or 'data sample'") }
        return trainingSet
    }

    /// The test set, loading the full Fashion-MNIST first if no `data` command ran, or, if it
    /// cannot be found, the bundled 1,000 test images (saying so; they are not trained on).
    func requireTestSet(in session: Session) throws -> LabeledImages {
        if let testSet { return testSet }
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
        return testSet
    }
}
