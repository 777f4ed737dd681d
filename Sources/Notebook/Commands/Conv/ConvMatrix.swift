import Foundation

/// A small matrix of the convolution demo (an image or a kernel): rows of numbers, all the
/// same length, at least 1x1 and at most `maximumSize` x `maximumSize`.
struct ConvMatrix: Equatable {
    static let maximumSize = 12
    static let valueLimit = 1_000_000.0

    /// Row-major values; every row has `columns` entries.
    let rows: [[Double]]

    var rowCount: Int { rows.count }
    var columnCount: Int { rows.first?.count ?? 0 }

    /// Checks the shape and values (programmer input: named kernels and defaults).
    init(_ rows: [[Double]]) {
        precondition(!rows.isEmpty && rows.allSatisfy { $0.count == rows[0].count && !$0.isEmpty },
                     "ConvMatrix needs equal, non-empty rows, got \(rows.map(\.count))")
        self.rows = rows
    }

    /// Parses `[3 1 0; 1 4 2]`: rows split by `;`, values by spaces or commas. The outer
    /// brackets may be left out, and `[[3,1],[1,4]]` works too. A value may be a fraction
    /// such as `1/9`. Ragged rows, words that are not numbers, an empty matrix and one
    /// larger than 12x12 are errors naming the row and value.
    init(parsing text: String, what: String) throws {
        var body = text.trimmingCharacters(in: .whitespaces)
        guard body.utf8.count <= 10_000 else {
            throw CommandError("\(what) is too large (at most \(Self.maximumSize)x\(Self.maximumSize) values)")
        }
        body = body.replacingOccurrences(of: #"\]\s*,?\s*\["#, with: ";", options: .regularExpression)
        body = body.replacingOccurrences(of: "[", with: " ").replacingOccurrences(of: "]", with: " ")
            .replacingOccurrences(of: ",", with: " ")
        var lines = body.split(separator: ";", omittingEmptySubsequences: false)
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }  // a trailing ";"
        guard lines.contains(where: { !$0.isEmpty }) else {
            throw CommandError("\(what) is empty: give rows of numbers split by ';', e.g. [1 0 -1; 2 0 -2; 1 0 -1]")
        }
        guard lines.count <= Self.maximumSize else {
            throw CommandError("\(what) has \(lines.count) rows; at most \(Self.maximumSize) fit the demo")
        }
        var rows: [[Double]] = []
        for (rowIndex, words) in lines.enumerated() {
            guard !words.isEmpty else { throw CommandError("\(what) row \(rowIndex + 1) is empty") }
            guard words.count <= Self.maximumSize else {
                throw CommandError("\(what) row \(rowIndex + 1) has \(words.count) values; at most \(Self.maximumSize) fit the demo")
            }
            if let first = rows.first, first.count != words.count {
                throw CommandError("\(what) row \(rowIndex + 1) has \(words.count) value\(words.count == 1 ? "" : "s"),"
                    + " row 1 has \(first.count): every row needs the same number")
            }
            rows.append(try words.map { try Self.value(String($0), what: what, row: rowIndex + 1) })
        }
        self.rows = rows
    }

    /// A number or a fraction `a/b` within ±`valueLimit`.
    private static func value(_ word: String, what: String, row: Int) throws -> Double {
        let parts = word.split(separator: "/", omittingEmptySubsequences: false)
        let numbers = parts.count <= 2 ? parts.compactMap { $0.utf8.count <= 30 ? Double($0) : nil } : []
        guard numbers.count == parts.count, numbers.allSatisfy(\.isFinite) else {
            throw CommandError("\(what) row \(row): '\(CommandError.quoted(word))' is not a number")
        }
        var value = numbers[0]
        if numbers.count == 2 {
            guard numbers[1] != 0 else { throw CommandError("\(what) row \(row): '\(CommandError.quoted(word))' divides by zero") }
            value /= numbers[1]
        }
        guard value.magnitude <= valueLimit else {
            throw CommandError("\(what) row \(row): \(CommandError.quoted(word)) is too large (at most ±1,000,000)")
        }
        return value == 0 ? 0 : value  // no -0 in the output
    }

    /// The value at (row, column), or 0 outside the matrix: zero padding.
    func paddedValue(row: Int, column: Int) -> Double {
        guard rows.indices.contains(row), (0..<columnCount).contains(column) else { return 0 }
        return rows[row][column]
    }
}

/// The kernels `conv kernel NAME` knows, with what each one detects.
enum NamedKernel: String, CaseIterable {
    case identity, edge, sobelX = "sobel-x", sobelY = "sobel-y", blur, sharpen

    var matrix: ConvMatrix {
        switch self {
        case .identity: ConvMatrix([[0, 0, 0], [0, 1, 0], [0, 0, 0]])
        case .edge: ConvMatrix([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])
        case .sobelX: ConvMatrix([[1, 0, -1], [2, 0, -2], [1, 0, -1]])
        case .sobelY: ConvMatrix([[1, 2, 1], [0, 0, 0], [-1, -2, -1]])
        case .blur: ConvMatrix(Array(repeating: Array(repeating: 1.0 / 9.0, count: 3), count: 3))
        case .sharpen: ConvMatrix([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])
        }
    }

    var explanation: String {
        switch self {
        case .identity: "copies the image: only the centre weight is 1"
        case .edge: "outlines: large where a pixel differs from its 8 neighbours"
        case .sobelX: "vertical edges: left column minus right column, middle row counted twice"
        case .sobelY: "horizontal edges: top row minus bottom row, middle column counted twice"
        case .blur: "blur: the average of the 3x3 neighbourhood, every weight 1/9"
        case .sharpen: "sharpen: the pixel boosted against its 4 neighbours"
        }
    }

    static var names: [String] { allCases.map(\.rawValue) }

    /// A kernel as the commands take it: a name (`sobel-x`, any case) or a matrix `[ROWS]`,
    /// `what` naming it in a matrix's errors; the name too when there is one.
    static func matrix(parsing text: String, what: String) throws -> (matrix: ConvMatrix, name: NamedKernel?) {
        guard text.first?.isLetter == true else { return (try ConvMatrix(parsing: text, what: what), nil) }
        let kernel = try named(text)
        return (kernel.matrix, kernel)
    }

    /// The kernel called `word` (any case); an unknown name fails with the closest known one
    /// or the list of names.
    static func named(_ word: String) throws -> NamedKernel {
        if let kernel = NamedKernel(rawValue: word.lowercased()) { return kernel }
        throw CommandError("no kernel named '\(CommandError.quoted(word))'"
            + Suggestion.clause(for: word, among: names, otherwise: " (try \(names.joined(separator: ", ")) or [ROWS])"))
    }
}
