import Foundation
import NeuralNet

/// `summary`: the model's layers, output shapes and parameters
enum SummaryCommand: Command {
    static let name = "summary"
    static let usage = "summary [full]"
    static let summary = "the model's layers, output shapes and parameters"
    static let discussion = """
        The table Keras's model.summary() prints: each layer's name (with its type), the
        shape of its output ('None' is the batch size, not known in advance) and its
        number of parameters, then the totals (4 bytes per Float32 parameter).
        'summary full' adds how each count is computed:
          conv: kernel height x width x input channels x filters + one bias per filter
          dense: inputs x units + one bias per unit

        Example: summary
        """
    static let completions = ["full"]

    static func run(_ arguments: Arguments, in session: Session) throws {
        try arguments.expectPositionals(0, 1)
        try arguments.expectKeywords([])
        let full: Bool
        switch arguments.positionals.first?.lowercased() {
        case nil: full = false
        case "full": full = true
        case let other?: throw CommandError("unexpected argument '\(other)' (expected full)")
        }
        let workspace = session.workspace
        let model = try workspace.requireModel()
        let rows = model.layers.map { layer in
            ["\(layer.name) (\(layer.typeName))", workspace.shapeText(layer.outputShape), NumberFormat.grouped(layer.parameterCount)]
        }
        session.console.line("Model: \"sequential\"")
        for line in SummaryTable.lines(header: ["Layer (type)", "Output Shape", "Param #"], rows: rows,
                                       unicode: session.console.capabilities.unicode) {
            session.console.line(line)
        }
        let total = model.parameterCount
        session.console.line(" Total params: \(NumberFormat.grouped(total)) (\(memorySize(total * 4)))")
        session.console.line(" Trainable params: \(NumberFormat.grouped(total)) (\(memorySize(total * 4)))")
        session.console.line(" Non-trainable params: 0 (0.00 B)")
        if full {
            session.console.line()
            for layer in model.layers { if let text = arithmetic(of: layer) { session.console.line(text) } }
        }
    }

    /// Bytes as Keras writes them (powers of 1024, two decimals): 1441832 -> "1.38 MB".
    static func memorySize(_ bytes: Int) -> String {
        var value = Double(bytes)
        for unit in ["B", "KB", "MB", "GB"] {
            if value < 1024 || unit == "GB" { return String(format: "%.2f", value) + " " + unit }
            value /= 1024
        }
        return "\(bytes) B"
    }

    /// How a layer's parameter count comes about, e.g. `conv2d: 3 x 3 x 1 x 32 + 32 = 320`.
    static func arithmetic(of layer: any Layer) -> String? {
        let total = NumberFormat.grouped(layer.parameterCount)
        if let conv = layer as? Conv2D {
            let k = conv.kernel.value.shape
            return "\(layer.name): \(k[0]) x \(k[1]) x \(k[2]) x \(k[3]) weights + \(k[3]) biases = \(total)"
        }
        if let dense = layer as? Dense {
            let k = dense.kernel.value.shape
            return "\(layer.name): \(k[0]) x \(k[1]) weights + \(k[1]) biases = \(total)"
        }
        return "\(layer.name): no parameters"
    }
}

/// The boxed three-column table of `summary`, in Keras 3's layout: Unicode box lines on a
/// capable terminal, `+ - |` otherwise. Columns are at least 31, 22 and 13 wide (76 in all).
enum SummaryTable {
    static func lines(header: [String], rows: [[String]], unicode: Bool) -> [String] {
        let minimums = [31, 22, 13]
        let widths = (0..<3).map { column in max(minimums[column], ([header] + rows).map { $0[column].count }.max() ?? 0) }
        func cells(_ values: [String]) -> [String] {
            values.enumerated().map { column, value in
                let pad = String(repeating: " ", count: widths[column] - value.count)
                return column == 2 ? pad + value : value + pad
            }
        }
        func rule(_ left: String, _ fill: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: middle) + right
        }
        func row(_ values: [String], _ bar: String) -> String {
            bar + " " + cells(values).joined(separator: " \(bar) ") + " " + bar
        }
        if unicode {
            var lines = [rule("┏", "━", "┳", "┓"), row(header, "┃"), rule("┡", "━", "╇", "┩")]
            for (index, values) in rows.enumerated() {
                if index > 0 { lines.append(rule("├", "─", "┼", "┤")) }
                lines.append(row(values, "│"))
            }
            lines.append(rule("└", "─", "┴", "┘"))
            return lines
        }
        var lines = [rule("+", "-", "+", "+"), row(header, "|"), rule("+", "=", "+", "+")]
        lines += rows.map { row($0, "|") }
        lines.append(rule("+", "-", "+", "+"))
        return lines
    }
}
