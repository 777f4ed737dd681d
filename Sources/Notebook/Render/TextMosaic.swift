/// Blocks of text (pictures, grids) set side by side with captions, wrapped into rows
/// that fit the console: the 32 kernels of a layer, a grid of feature maps, mistakes.
public struct TextMosaic {
    /// One picture and the caption under (or over) it.
    public struct Tile {
        /// The picture's lines; each is `width` characters on screen.
        public var lines: [String]
        /// The on-screen width of every line (escape sequences excluded).
        public var width: Int
        /// Lines printed under (or over) the picture, each cut to the tile's width.
        public var captions: [String]

        public init(lines: [String], width: Int, captions: [String]) {
            self.lines = lines
            self.width = width
            self.captions = captions
        }

        public init(lines: [String], width: Int, caption: String = "") {
            self.init(lines: lines, width: width, captions: caption.isEmpty ? [] : [caption])
        }
    }

    public var tiles: [Tile]
    /// Spaces between tiles on a row.
    public var gap: Int
    /// Whether captions go above the pictures instead of under them.
    public var captionsAbove: Bool

    public init(tiles: [Tile], gap: Int = 2, captionsAbove: Bool = false) {
        self.tiles = tiles
        self.gap = gap
        self.captionsAbove = captionsAbove
    }

    /// The tiles in rows at most `width` characters wide (a tile wider than that gets a row
    /// of its own), rows separated by an empty line.
    public func lines(width: Int) -> [String] {
        var rows: [[Tile]] = []
        var current: [Tile] = []
        var used = 0
        for tile in tiles {
            let tileWidth = columnWidth(tile)
            let needed = current.isEmpty ? tileWidth : used + gap + tileWidth
            if !current.isEmpty && needed > width {
                rows.append(current)
                current = [tile]
                used = tileWidth
            } else {
                current.append(tile)
                used = needed
            }
        }
        if !current.isEmpty { rows.append(current) }

        var output: [String] = []
        for (index, row) in rows.enumerated() {
            if index > 0 { output.append("") }
            let height = row.map(\.lines.count).max() ?? 0
            let captionCount = row.map(\.captions.count).max() ?? 0
            let captionLines = (0..<captionCount).map { line in
                join(row) { tile in fit(line < tile.captions.count ? tile.captions[line] : "", columnWidth(tile)) }
            }
            let pictureLines = (0..<height).map { line in
                join(row) { tile in
                    let padding = String(repeating: " ", count: columnWidth(tile) - tile.width)
                    return line < tile.lines.count
                        ? tile.lines[line] + padding
                        : String(repeating: " ", count: columnWidth(tile))
                }
            }
            output += captionsAbove ? captionLines + pictureLines : pictureLines + captionLines
        }
        return output.map { trimTrailingSpaces($0) }
    }

    /// A tile is as wide as its picture, or its longest caption if longer (up to twice the
    /// picture, or 12 characters for tiny pictures).
    private func columnWidth(_ tile: Tile) -> Int {
        max(tile.width, min(tile.captions.map(\.count).max() ?? 0, max(tile.width * 2, 12)))
    }

    private func join(_ row: [Tile], _ text: (Tile) -> String) -> String {
        row.map(text).joined(separator: String(repeating: " ", count: gap))
    }

    private func fit(_ text: String, _ width: Int) -> String {
        text.count > width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }

    private func trimTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}
