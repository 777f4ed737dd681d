import NeuralNet
import TensorCore

/// What `features` draws: a layer's output for one image, each channel a small picture.
///
/// A layer with a `[H, W, C]` output (Conv2D, MaxPooling2D) gives C maps of HxW; a flat
/// output (Flatten, Dense, Dropout) is drawn as one strip of its values, 32 to a row.
enum FeatureMapGallery {
    /// The maps of `activation` `[1, H, W, C]` (channel `c` is `activation[0, :, :, c]`), or
    /// one map of a flat `[1, N]` activation, `N` values laid out 32 to a row (zero-padded).
    static func maps(of activation: Tensor) -> [PixelMap] {
        let shape = Array(activation.shape.dropFirst())
        let scalars = activation.scalars
        if shape.count == 3 {
            let (height, width, channels) = (shape[0], shape[1], shape[2])
            return (0..<channels).map { channel in
                PixelMap(rows: height, columns: width,
                         values: (0..<(height * width)).map { scalars[$0 * channels + channel] })
            }
        }
        let count = scalars.count
        let columns = min(32, max(1, count))
        let rows = (count + columns - 1) / columns
        return [PixelMap(rows: rows, columns: columns,
                         values: scalars + [Float](repeating: 0, count: rows * columns - count))]
    }

    /// The scale of one map: 0 (or its lowest value, if negative) black, its highest white.
    /// Each map has its own, so the pattern a filter found shows however strongly it fired;
    /// a map of zeros (a filter that found nothing) stays black.
    static func scale(of map: PixelMap) -> BrightnessScale {
        let low = min(0, map.extent.lowerBound)
        return .fixed(low...max(map.extent.upperBound, low + 1e-12))
    }

    /// The maps in rows that fit the console, each numbered; small maps are drawn magnified.
    static func lines(_ maps: [PixelMap], capabilities: TerminalCapabilities) -> [String] {
        let side = max(maps.first?.rows ?? 1, maps.first?.columns ?? 1)
        let factor = max(1, min(4, 12 / side))
        let tiles = maps.enumerated().map { index, map -> TextMosaic.Tile in
            let drawn = ImageRenderer.magnifiedLines(map, factor: factor, scale: scale(of: map), capabilities: capabilities)
            return ImageRenderer.tile(drawn, caption: maps.count > 1 ? String(index + 1) : "", capabilities: capabilities)
        }
        return TextMosaic(tiles: tiles, gap: 1).lines(width: capabilities.width)
    }
}
