import Testing
@testable import Datasets

@Suite struct SampleTests {
    @Test func bundledSampleHoldsTheFirstThousandTestImages() throws {
        let sample = try FashionMNIST.sample()
        #expect(sample.count == 1000 && sample.rows == 28 && sample.columns == 28)
        // The first test labels of Fashion-MNIST: Ankle boot, Pullover, Trouser, Trouser, Shirt, ...
        #expect(Array(sample.labels.prefix(10)) == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])
        #expect(FashionMNIST.classNames[Int(sample.labels[0])] == "Ankle boot")
        #expect(sample.pixels.max() == 255 && sample.pixels.min() == 0)
        // Every class is present in the slice.
        #expect(Set(sample.labels).count == 10)
    }
}
