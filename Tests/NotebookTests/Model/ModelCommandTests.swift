import Foundation
import NeuralNet
import TensorCore
import Testing
@testable import Notebook

@Suite struct ModelBuildingTests {
    @Test func summaryOfTheTutorialModelIsKerasTable() {
        let session = ModelSession()
        session.run("model tutorial")
        let output = session.run("summary")
        #expect(output == """
            Model: "sequential"
            +---------------------------------+------------------------+---------------+
            | Layer (type)                    | Output Shape           |       Param # |
            +=================================+========================+===============+
            | conv2d (Conv2D)                 | (None, 13, 13, 32)     |           320 |
            | conv2d_1 (Conv2D)               | (None, 6, 6, 64)       |        18,496 |
            | conv2d_2 (Conv2D)               | (None, 2, 2, 128)      |        73,856 |
            | flatten (Flatten)               | (None, 512)            |             0 |
            | dropout (Dropout)               | (None, 512)            |             0 |
            | dense (Dense)                   | (None, 512)            |       262,656 |
            | dropout_1 (Dropout)             | (None, 512)            |             0 |
            | dense_1 (Dense)                 | (None, 10)             |         5,130 |
            +---------------------------------+------------------------+---------------+
             Total params: 360,458 (1.38 MB)
             Trainable params: 360,458 (1.38 MB)
             Non-trainable params: 0 (0.00 B)

            """)
    }

    @Test func addingLayerByLayerMatchesTheTutorial() {
        let session = ModelSession()
        session.run("model new")
        let output = session.run("add input 28 28 1", "add conv 32 3 stride=2 relu", "add conv 64 3 stride=2 relu",
                                 "add conv 128 3 stride=2 relu", "add flatten", "add dropout 0.2",
                                 "add dense 512 relu", "add dropout 0.2", "add dense 10 softmax")
        #expect(output.contains("conv2d_1 (Conv2D): (None, 6, 6, 64), 18,496 parameters"))
        #expect(output.contains("dense_1 (Dense): (None, 10), 5,130 parameters"))
        #expect(session.workspace.architecture == Workspace.tutorialArchitecture)
        #expect(session.workspace.model?.parameterCount == 360_458)
    }

    @Test func sameAndPoolingLayersForLessonSix() {
        let session = ModelSession()
        session.run("model new", "add input 28 28 1")
        let output = session.run("add conv 8 3 padding=same relu", "add maxpool 2", "add conv 4 4 stride=2 padding=same")
        #expect(output == """
            conv2d (Conv2D): (None, 28, 28, 8), 80 parameters
            max_pooling2d (MaxPooling2D): (None, 14, 14, 8), 0 parameters
            conv2d_1 (Conv2D): (None, 7, 7, 4), 516 parameters

            """)
        #expect(session.workspace.architecture.last == "conv 4 4 stride=2 padding=same")
    }

    @Test(arguments: [
        ("add conv 32 3", "error: add: no model yet; 'model new' starts an empty one, 'model tutorial' the tutorial's"),
        ("model new\nadd conv 32 3", "error: add: the model has no input yet; 'add input 28 28 1' comes first"),
        ("model new\nadd input 28 28 1\nadd dense 10", "error: add: Dense needs a flat input, got [28, 28, 1]; add flatten first"),
        ("model new\nadd input 28 28 1\nadd conv 8 30", "error: add: a 30x30 window does not fit in a 28x28 input without padding"),
        ("model new\nadd input 28 28 1\nadd conv 8 3 padding=full", "error: add: padding must be valid or same, got 'full'"),
        ("model new\nadd input 28 28 1\nadd conv 8 3 tanh", "error: add: unexpected argument 'tanh'"),
        ("model new\nadd input 28 28 1\nadd flatten\nadd dense 10 tanh", "error: add: the activation must be relu, softmax or linear, got 'tanh'"),
        ("model new\nadd input 28 28 1\nadd dropout 1.5", "error: add: R (rate) must be between 0 and 0.99, got '1.5'"),
        ("model new\nadd input 28 28 1\nadd input 28 28 1", "error: add: the model already has an input; 'model new' starts again"),
        ("model new\nadd input 1000 1000 1000\nadd conv 4096 64", "error: add: layer 1 (conv 4096 64) would bring the model to 16,777,220,096 parameters (67 GB); convbook's limit is 50,000,000 (200 MB)"),
        ("model new\nadd softmax", "error: add: unknown layer 'softmax' (expected input, conv, maxpool, flatten, dropout, dense or relu)"),
    ])
    func addErrorsAreClear(script: String, expected: String) {
        let session = ModelSession()
        let output = session.run(script.split(separator: "\n").map(String.init))
        #expect(output.unwrapped.contains(expected), "\(output)")
        #expect(!session.lastSucceeded)
    }
}

extension ModelSession {
    @discardableResult
    func run(_ lines: [String]) -> String {
        var text = ""
        for line in lines { text += run(line) }
        return text
    }
}
