/// What `receptive` prints: the region's size and place, the recurrence with its numbers,
/// and the image with the region boxed.
extension ReceptiveField {
    /// The explanation; `layerName` describes the layer, `row`/`column` are 0-based.
    func explanation(layerName: String, row: Int, column: Int, width: Int) -> [String] {
        let region = "rows \(rows.lowerBound + 1)-\(rows.upperBound + 1), columns \(columns.lowerBound + 1)-\(columns.upperBound + 1)"
        let extent = "\(rows.count)x\(columns.count)"
        guard !isWholeInput else {
            return TextLayout.wrap("Every output of \(layerName) depends on the whole input (\(extent) pixels, "
                + "\(region)): a Flatten before it hands every value to every unit of the dense layers after it.", width: width)
        }
        var lines = TextLayout.wrap("Row \(row + 1), column \(column + 1) of \(layerName) depends on the input's "
            + "\(region): \(extent) pixels.", width: width)
        guard !steps.isEmpty else { return lines }
        lines += TextLayout.wrap("Why that size: a K x K window reads K neighbouring cells of the layer below, and "
            + "neighbouring cells there are 'jump' input pixels apart, so its region is r_out = r_in + (K-1)*jump "
            + "pixels wide; a stride S multiplies the jump: jump_out = jump_in*S.", width: width)
        var table = [["", "r (region side)", "jump"], ["the image", "1", "1"]]
        for step in steps {
            table.append(["\(step.layerIndex + 1) \(step.name), \(step.kernel)x\(step.kernel) stride \(step.stride)",
                          "\(step.sizeBefore) + (\(step.kernel)-1)*\(step.jumpBefore) = \(step.size)",
                          "\(step.jumpBefore)*\(step.stride) = \(step.jump)"])
        }
        lines += SoftmaxSteps.table(header: table[0], rows: Array(table.dropFirst()), textColumns: 3)
        if fullRows != rows || fullColumns != columns {
            lines += TextLayout.wrap("The windows reach rows \(fullRows.lowerBound + 1) to \(fullRows.upperBound + 1), "
                + "columns \(fullColumns.lowerBound + 1) to \(fullColumns.upperBound + 1) (\(size)x\(size)); "
                + "what lies outside the image is zero padding.", width: width)
        }
        return lines
    }

    /// `map` (the input image) with the region boxed: the box is drawn on the pixels just
    /// outside the region (or the picture's frame where the region meets the edge), so every
    /// pixel of the region stays visible. Drawn one character per pixel, framed.
    func picture(_ map: PixelMap, capabilities: TerminalCapabilities) -> [String] {
        var plain = capabilities
        plain.color = .none
        var grid = ImageRenderer.lines(map, capabilities: plain).map { Array($0) }
        let unicode = capabilities.unicode
        let (horizontal, vertical) = unicode ? ("─", "│") : ("-", "|") as (Character, Character)
        let corners: [Character] = unicode ? ["┌", "┐", "└", "┘"] : ["+", "+", "+", "+"]
        let (top, bottom, left, right) = (rows.lowerBound - 1, rows.upperBound + 1, columns.lowerBound - 1, columns.upperBound + 1)
        func put(_ row: Int, _ column: Int, _ character: Character) {
            guard grid.indices.contains(row), grid[row].indices.contains(column) else { return }
            grid[row][column] = character
        }
        for column in left...right {
            put(top, column, horizontal)
            put(bottom, column, horizontal)
        }
        for row in top...bottom {
            put(row, left, vertical)
            put(row, right, vertical)
        }
        put(top, left, corners[0]); put(top, right, corners[1]); put(bottom, left, corners[2]); put(bottom, right, corners[3])
        return TextFrame.lines(grid.map { String($0) }, width: map.columns, capabilities: plain)
    }
}
