import NeuralNet

/// What `filters` draws: every kernel of a `Conv2D` layer side by side, or their numbers.
///
/// Kernels are `[KH, KW, C, F]` (Keras's layout); filter `f`'s weights over input channel `c`
/// are `kernel[:, :, c, f]`. With one input channel (the first layer) each filter is drawn as
/// it is; with more, the mean over the input channels is drawn, and the output says so.
enum FilterGallery {
    /// Filter `filter`'s weights, averaged over input channels: a `KH`x`KW` map.
    static func map(of layer: Conv2D, filter: Int) -> PixelMap {
        let shape = layer.kernel.value.shape  // [KH, KW, C, F]
        let (height, width, channels, filters) = (shape[0], shape[1], shape[2], shape[3])
        let scalars = layer.kernel.value.scalars
        var values = [Float](repeating: 0, count: height * width)
        for row in 0..<height {
            for column in 0..<width {
                var sum: Float = 0
                for channel in 0..<channels {
                    sum += scalars[((row * width + column) * channels + channel) * filters + filter]
                }
                values[row * width + column] = sum / Float(channels)
            }
        }
        return PixelMap(rows: height, columns: width, values: values)
    }

    /// The heading: which layer, how many filters of what size, how they are drawn.
    static func heading(_ layer: Conv2D, number: Int) -> [String] {
        let shape = layer.kernel.value.shape
        let channels = shape[2]
        var lines = ["layer \(number), \(layer.name) (Conv2D): \(layer.filters) filters of \(shape[0])x\(shape[1])"
                     + " over \(channels) input channel\(channels == 1 ? "" : "s")"]
        if channels > 1 {
            lines.append("each filter has \(channels) slices, one per input channel; shown: their mean")
        }
        return lines
    }

    /// Every filter as a small picture with its number, in rows that fit the console. Each
    /// filter has its own symmetric scale (zero mid-grey, its largest magnitude white or
    /// black), so its pattern shows even when another filter has much larger weights.
    static func pictureLines(_ layer: Conv2D, capabilities: TerminalCapabilities) -> [String] {
        let maps = (0..<layer.filters).map { map(of: layer, filter: $0) }
        let side = max(maps.first?.rows ?? 1, maps.first?.columns ?? 1)
        let factor = side <= 3 ? 2 : 1
        let tiles = maps.enumerated().map { index, map -> TextMosaic.Tile in
            let drawn = ImageRenderer.magnifiedLines(map, factor: factor, scale: .symmetric, capabilities: capabilities)
            return ImageRenderer.tile(drawn, caption: String(index + 1), capabilities: capabilities)
        }
        let key = "dark: negative, mid-grey: 0, light: positive; each filter on its own scale"
        return TextLayout.wrap(key, width: capabilities.width) + [""]
            + TextMosaic(tiles: tiles, gap: 1).lines(width: capabilities.width)
    }

    /// Every filter's weights (two decimals) with its number over it.
    static func numberLines(_ layer: Conv2D, capabilities: TerminalCapabilities) -> [String] {
        let tiles = (0..<layer.filters).map { filter -> TextMosaic.Tile in
            let grid = NumberGrid.lines(map(of: layer, filter: filter), decimals: 2, capabilities: capabilities)
            return TextMosaic.Tile(lines: grid, width: grid.map(\.count).max() ?? 0, caption: "filter \(filter + 1)")
        }
        return TextMosaic(tiles: tiles, gap: 3, captionsAbove: true).lines(width: capabilities.width)
    }
}
