import Testing
@testable import Notebook

@Suite struct ConfusionMatrixTests {
    let names = ["cat", "dog", "bird"]

    @Test func countsAndAccuracies() {
        let matrix = ConfusionMatrix(classNames: names, trueLabels: [0, 0, 0, 1, 1, 2, 2, 2, 2] as [Int],
                                     predictedLabels: [0, 0, 1, 1, 1, 2, 2, 0, 1] as [Int])
        #expect(matrix.total == 9 && matrix.correct == 6)
        #expect(matrix.count(trueLabel: 2, predicted: 0) == 1)
        #expect(matrix.accuracy(of: 0) == 2.0 / 3.0)
        #expect(matrix.accuracy(of: 1) == 1)
        #expect(matrix.commonestMistake(of: 1) == nil)
        #expect(matrix.commonestMistake(of: 2)?.label == 0, "ties go to the lower class")
        #expect(ConfusionMatrix(classNames: names).accuracy(of: 0) == nil)
    }

    @Test func tablesNameEveryClass() {
        let matrix = ConfusionMatrix(classNames: names, trueLabels: [0, 1, 2, 2] as [Int], predictedLabels: [0, 1, 2, 1] as [Int])
        #expect(matrix.matrixLines(capabilities: .plain) == [
            "confusion matrix: rows are the true class, columns the predicted class",
            "        0 1 2",
            "0 cat   1 0 0",
            "1 dog   0 1 0",
            "2 bird  0 1 1",
        ])
        #expect(matrix.perClassLines(capabilities: .plain) == [
            "class  correct  accuracy  most often taken for",
            "----------------------------------------------",
            "cat        1/1     1.000",
            "dog        1/1     1.000",
            "bird       1/2     0.500  dog (1)",
            "----------------------------------------------",
            "all        3/4     0.750",
        ])
    }
}
