import Datasets
import NeuralNet

/// What `mistakes` draws: misclassified images, each with its index, its true class and what
/// the model took it for (with the probability it gave).
enum MistakeGallery {
    /// The indices of the first `limit` images whose prediction is not the label.
    static func mistakes(trueLabels: [Int32], predictedLabels: [Int32], limit: Int) -> [Int] {
        Array(zip(trueLabels, predictedLabels).enumerated().lazy
            .filter { $0.element.0 != $0.element.1 }.map(\.offset).prefix(limit))
    }

    /// The pictures of `indices` in `images` with their captions, in rows that fit the console.
    /// `probabilities` is `[count, classes]`, row-major.
    static func lines(_ indices: [Int], images: LabeledImages, predictedLabels: [Int32], probabilities: [Float],
                      classCount: Int, capabilities: TerminalCapabilities) -> [String] {
        let tiles = indices.map { index -> TextMosaic.Tile in
            let picture = ImageRenderer.picture(TestImages.map(images, index), capabilities: capabilities)
            let predicted = Int(predictedLabels[index])
            let probability = probabilities[index * classCount + predicted]
            let percent = NumberGrid.format(probability * 100, decimals: 0) + "%"
            return TextMosaic.Tile(
                lines: picture, width: picture.first.map { TextLayout.visibleCount($0) } ?? 0,
                captions: ["#\(index) \(TestImages.className(Int(images.labels[index])))",
                           "taken for \(TestImages.className(predicted)) \(percent)"])
        }
        return TextMosaic(tiles: tiles, gap: 3).lines(width: capabilities.width)
    }
}
