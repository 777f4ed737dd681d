/// Draws a `PixelMap` as terminal text, in the best style the console supports.
///
/// - Colour and Unicode: upper half-blocks (`▀`), the top pixel as foreground and the bottom
///   one as background, in 24-bit or 256-colour grey: a 28x28 image is 28 columns by 14 lines.
/// - Unicode without colour: one shade character (` ░▒▓█`) per pixel, 28 columns by 28 lines.
/// - Otherwise (and off a terminal): one character of the ASCII ramp ` .:-=+*#%@` per pixel.
///
/// Every line returned is exactly `width(of:capabilities:)` characters wide on screen, so
/// pictures can be set side by side (`TextMosaic`). Rendering is pure: the same map and
/// capabilities always give the same text.
public enum ImageRenderer {
    /// The ten ASCII characters from black to white.
    public static let asciiRamp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
    /// The five Unicode shades from black to white.
    public static let shadeRamp: [Character] = [" ", "░", "▒", "▓", "█"]

    /// The drawing style `capabilities` allow.
    public enum Style: Sendable, Equatable { case halfBlocks, shades, ascii }

    public static func style(for capabilities: TerminalCapabilities) -> Style {
        guard capabilities.unicode else { return .ascii }
        return capabilities.color == .none ? .shades : .halfBlocks
    }

    /// How many lines a map of `rows` rows takes in `style`.
    public static func lineCount(rows: Int, style: Style) -> Int {
        style == .halfBlocks ? (rows + 1) / 2 : rows
    }

    /// The picture of `map` as lines of text (no newlines), `map.columns` characters wide.
    public static func lines(_ map: PixelMap, scale: BrightnessScale = .bytes,
                             capabilities: TerminalCapabilities) -> [String] {
        let brightness = scale.brightness(for: map)
        let style = style(for: capabilities)
        switch style {
        case .ascii, .shades:
            let ramp = style == .ascii ? asciiRamp : shadeRamp
            return (0..<map.rows).map { row in
                String((0..<map.columns).map { column in
                    ramp[rampIndex(brightness(map[row, column]), count: ramp.count)]
                })
            }
        case .halfBlocks:
            return stride(from: 0, to: map.rows, by: 2).map { row in
                var line = ""
                for column in 0..<map.columns {
                    let top = grey(brightness(map[row, column]), depth: capabilities.color, background: false)
                    if row + 1 < map.rows {
                        let bottom = grey(brightness(map[row + 1, column]), depth: capabilities.color, background: true)
                        line += "\u{1B}[\(top);\(bottom)m▀"
                    } else {
                        // An odd last row: the missing half is painted black, so the picture
                        // stays a clean rectangle on light terminal backgrounds too.
                        line += "\u{1B}[\(top);\(grey(0, depth: capabilities.color, background: true))m▀"
                    }
                }
                return line + "\u{1B}[0m"
            }
        }
    }

    /// The picture of `map` with each pixel drawn `factor` character cells wide and about as
    /// tall: enlarged `factor` times in half-blocks (two pixels a cell), widened `factor`
    /// times otherwise (one pixel a cell, cells being twice as tall as wide). For small maps:
    /// kernels, feature maps of 6x6 or 2x2.
    public static func magnifiedLines(_ map: PixelMap, factor: Int, scale: BrightnessScale = .bytes,
                                      capabilities: TerminalCapabilities) -> (lines: [String], width: Int) {
        let magnified = style(for: capabilities) == .halfBlocks ? map.enlarged(by: factor) : map.widened(by: factor)
        // Scale from the original map: enlarging does not change its extent.
        return (lines(magnified, scale: scale, capabilities: capabilities), magnified.columns)
    }

    /// A small picture as a tile of a `TextMosaic`: in ASCII and shades framed, with
    /// `caption` in the top border (black is blank there, so the edges would not show);
    /// in half-blocks unframed, with `caption` under it.
    public static func tile(_ drawn: (lines: [String], width: Int), caption: String,
                            capabilities: TerminalCapabilities) -> TextMosaic.Tile {
        guard style(for: capabilities) != .halfBlocks else {
            return TextMosaic.Tile(lines: drawn.lines, width: drawn.width, caption: caption)
        }
        let framed = TextFrame.lines(drawn.lines, width: drawn.width, title: caption, capabilities: capabilities)
        return TextMosaic.Tile(lines: framed, width: drawn.width + 2)
    }

    /// The picture of `map` ready to print on its own: in ASCII and shades, inside a
    /// `TextFrame` (black is blank there, so the edges would not show); half-blocks paint
    /// black themselves and stay unframed. 28x28 is 30 columns framed, 28 unframed.
    public static func picture(_ map: PixelMap, scale: BrightnessScale = .bytes,
                               capabilities: TerminalCapabilities) -> [String] {
        let drawn = lines(map, scale: scale, capabilities: capabilities)
        guard style(for: capabilities) != .halfBlocks else { return drawn }
        return TextFrame.lines(drawn, width: map.columns, capabilities: capabilities)
    }

    /// The index into a ramp of `count` characters for brightness 0...1.
    static func rampIndex(_ brightness: Float, count: Int) -> Int {
        guard brightness.isFinite else { return brightness == .infinity ? count - 1 : 0 }  // nan: dark
        return min(count - 1, max(0, Int((min(1, max(0, brightness)) * Float(count)).rounded(.down))))
    }

    /// The SGR parameters for grey `brightness` as foreground or background colour.
    static func grey(_ brightness: Float, depth: TerminalCapabilities.ColorDepth, background: Bool) -> String {
        let level = brightness.isFinite ? Int((min(1, max(0, brightness)) * 255).rounded()) : (brightness == .infinity ? 255 : 0)
        let prefix = background ? "48" : "38"
        if depth == .trueColor {
            return "\(prefix);2;\(level);\(level);\(level)"
        }
        return "\(prefix);5;\(ansi256Grey(level))"
    }

    /// The xterm 256-colour index closest to grey `level` (0-255): black 16, white 231, or the
    /// 24-step grey ramp 232-255 (levels 8, 18, ..., 238).
    static func ansi256Grey(_ level: Int) -> Int {
        if level < 4 { return 16 }
        if level > 246 { return 231 }
        return 232 + min(23, max(0, (level - 8 + 5) / 10))
    }
}
