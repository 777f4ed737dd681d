import Foundation
import NeuralNet

/// `summary`: the model's layers, output shapes and parameters
enum SummaryCommand: Command {
    static let name = "summary"
    static let forms = [CommandForm(nil, options: [.flag("full")])]
    static let summary = "the model's layers, output shapes and parameters"
    static let discussion = """
        The table Keras's model.summary() prints: each layer's name (with its type), the
        shape of its output ('None' is the batch size, not known in advance) and its
        number of parameters, then the totals (4 bytes per Float32 parameter).
        'summary full' adds, per layer, how its count is computed
          conv: (kernel height * width * input channels + 1 bias) * filters
          dense: (inputs + 1 bias) * units
        its receptive field (the patch of the image one output cell depends on) and
        its multiply-adds for one image.
        """
    static let examples = ["summary"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let full = invocation.flag("full")
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
            SummaryDetails.lines(model, capabilities: session.console.capabilities).forEach { session.console.line($0) }
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
