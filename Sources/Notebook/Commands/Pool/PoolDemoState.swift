/// Pooling stepped over one channel of the demo's image: `pool demo`'s windows, what each
/// keeps, and the pooled map filling in.
///
/// Shapes: the image is IH x IW; windows are `size` x `size`, `stride` apart, with no
/// padding (Keras's MaxPooling2D / AveragePooling2D default, padding='valid'), so the map is
/// OH x OW with OH = floor((IH - size) / stride) + 1. Window w covers image rows
/// (w / OW)*stride ..< +size and columns (w % OW)*stride ..< +size.
final class PoolDemoState {
    enum Mode: String, CaseIterable {
        case max, average
    }

    let image: ConvMatrix
    let mode: Mode
    let size: Int
    let stride: Int
    /// The next window to show; `windowCount` once all have been shown.
    private(set) var nextWindow = 0
    /// Each window's value once it has been shown.
    private(set) var pooled: [[Double?]]

    /// Fails if a window does not fit the image.
    init(image: ConvMatrix, mode: Mode, size: Int, stride: Int) throws {
        guard size <= image.rowCount, size <= image.columnCount else {
            throw CommandError("a \(size)x\(size) window does not fit the \(image.rowCount)x\(image.columnCount) image;"
                + " use size=\(min(image.rowCount, image.columnCount)) or less")
        }
        self.image = image
        self.mode = mode
        self.size = size
        self.stride = stride
        let rows = (image.rowCount - size) / stride + 1
        let columns = (image.columnCount - size) / stride + 1
        pooled = Array(repeating: Array(repeating: nil, count: columns), count: rows)
    }

    var outputRows: Int { pooled.count }
    var outputColumns: Int { pooled.first?.count ?? 0 }
    var windowCount: Int { outputRows * outputColumns }

    /// The output cell of window `index`.
    func cell(ofWindow index: Int) -> (row: Int, column: Int) {
        (index / outputColumns, index % outputColumns)
    }

    /// The image values under window `index`, size x size.
    func windowValues(_ index: Int) -> [[Double]] {
        let (row, column) = cell(ofWindow: index)
        return (0..<size).map { i in (0..<size).map { j in image.rows[row * stride + i][column * stride + j] } }
    }

    /// What window `index` keeps: its largest value, or the mean of its values.
    func value(_ index: Int) -> Double {
        let values = windowValues(index).joined()
        switch mode {
        case .max: return values.max() ?? 0
        case .average: return values.reduce(0, +) / Double(values.count)
        }
    }

    /// Where in window `index` the kept maximum is (the first, reading row by row).
    func maximumPosition(_ index: Int) -> (row: Int, column: Int) {
        let values = Array(windowValues(index).joined())
        let position = values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) } ?? 0
        return (position / size, position % size)
    }

    /// Every cell of the pooled map at once.
    func completeMap() -> [[Double]] {
        (0..<outputRows).map { row in (0..<outputColumns).map { value(row * outputColumns + $0) } }
    }

    /// The 0-based image rows (`vertical`) or columns no window covers: the floor drops them.
    func dropped(vertical: Bool) -> [Int] {
        let (length, outputs) = vertical ? (image.rowCount, outputRows) : (image.columnCount, outputColumns)
        let covered = Set((0..<outputs).flatMap { window in (window * stride)..<(window * stride + size) })
        return (0..<length).filter { !covered.contains($0) }
    }

    /// Computes the next window into the pooled map and returns its index.
    func advance() -> Int {
        precondition(nextWindow < windowCount, "advance past the last window (\(nextWindow) of \(windowCount))")
        let index = nextWindow
        let (row, column) = cell(ofWindow: index)
        pooled[row][column] = value(index)
        nextWindow += 1
        return index
    }
}

/// Enter (an empty line on a terminal) and `pool step` show the next window.
extension PoolDemoState: Stepper {
    var isFinished: Bool { nextWindow >= windowCount }

    func step(in session: Session) throws {
        guard !isFinished else { throw CommandError("every window has been shown: 'pool demo' starts again") }
        let index = advance()
        var text = "\n" + windowText(index, console: session.console)
        if isFinished { text += "\n" + ending(width: session.console.capabilities.width) }
        session.console.write(text)
    }
}
