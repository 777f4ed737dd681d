import NeuralNet
import TensorCore

/// One `add` line, parsed: the layer it describes, before its input shape is known.
///
/// `add` and `load` both go through it, so a model file's architecture is read exactly as the
/// learner's lines are. `text` is the canonical line (defaults written out where they differ
/// from Keras's), which is what the workspace keeps and saves.
enum LayerLine: Equatable {
    case input(height: Int, width: Int, channels: Int)
    case conv(filters: Int, kernelSize: Int, stride: Int, padding: Padding, relu: Bool)
    case maxpool(poolSize: Int, stride: Int?, padding: Padding)
    case flatten
    case dropout(rate: Float)
    case dense(units: Int, activation: Activation)
    case relu

    /// The forms of `add` (and of the architecture lines of model files).
    static let forms: [CommandForm] = [
        CommandForm("input", [.required("H", .integer(1...1024)), .required("W", .integer(1...1024)),
                              .required("C", .integer(1...1024))]),
        CommandForm("conv", aliases: ["conv2d"],
                    [.required("F", .integer(1...4096), label: "F (filters)"),
                     .required("K", .integer(1...64), label: "K (kernel size)")],
                    options: [.stride(1...64), paddingKeyword, .flag("relu")]),
        CommandForm("maxpool", aliases: ["maxpooling2d", "pool"], [.required("P", .integer(1...64), label: "P (pool size)")],
                    options: [.stride(1...64), paddingKeyword]),
        CommandForm("flatten"),
        CommandForm("dropout", [.required("R", .number(0...0.99), label: "R (rate)")]),
        CommandForm("dense", [.required("U", .integer(1...65_536), label: "U (units)"),
                              .optional("relu|softmax", .choice(["relu", "softmax", "linear"]), label: "the activation")]),
        CommandForm("relu"),
    ]

    /// Keras's two paddings; the engine's layers take no other.
    private static let paddingKeyword = CommandOption.keyword("padding", "valid|same", .choice(["valid", "same"]))

    /// The layer an `add` invocation describes.
    static func parse(_ invocation: Invocation) -> LayerLine {
        let padding = invocation.word("padding").flatMap(Padding.init(rawValue:)) ?? .valid
        switch invocation.subcommand {
        case "input":
            return .input(height: invocation.integer(required: "H"), width: invocation.integer(required: "W"),
                          channels: invocation.integer(required: "C"))
        case "conv":
            return .conv(filters: invocation.integer(required: "F"), kernelSize: invocation.integer(required: "K"),
                         stride: invocation.integer("stride") ?? 1, padding: padding, relu: invocation.flag("relu"))
        case "maxpool":
            return .maxpool(poolSize: invocation.integer(required: "P"), stride: invocation.integer("stride"), padding: padding)
        case "dropout":
            return .dropout(rate: Float(invocation.number(required: "R")))
        case "dense":
            let activation = invocation.word("relu|softmax").flatMap(Activation.init(rawValue:)) ?? .linear
            return .dense(units: invocation.integer(required: "U"), activation: activation)
        case "relu":
            return .relu
        case "flatten":
            return .flatten
        default:
            preconditionFailure("add has no form '\(invocation.subcommand ?? "")'")
        }
    }

    /// Parses a canonical line such as `conv 32 3 stride=2 relu` (from a model file).
    static func parse(line: String) throws -> LayerLine {
        parse(try AddCommand.parse(try Arguments.split(line)))
    }

    /// The canonical text of the line, as `add` would take it.
    var text: String {
        switch self {
        case let .input(height, width, channels): return "input \(height) \(width) \(channels)"
        case let .conv(filters, kernelSize, stride, padding, relu):
            return "conv \(filters) \(kernelSize)" + (stride == 1 ? "" : " stride=\(stride)")
                + (padding == .valid ? "" : " padding=\(padding.rawValue)") + (relu ? " relu" : "")
        case let .maxpool(poolSize, stride, padding):
            return "maxpool \(poolSize)" + (stride.map { " stride=\($0)" } ?? "") + (padding == .valid ? "" : " padding=\(padding.rawValue)")
        case .flatten: return "flatten"
        case let .dropout(rate): return "dropout \(NumberFormat.decimal(Double(rate), maximumFractionDigits: 4))"
        case let .dense(units, activation): return "dense \(units)" + (activation == .linear ? "" : " \(activation.rawValue)")
        case .relu: return "relu"
        }
    }

    /// The most parameters one layer may have (200 MB of Float32): beyond it `add` refuses,
    /// before allocating anything.
    static let maximumParameters = 50_000_000

    /// The layer's parameter count for `inputShape`, computed without building it
    /// (saturating, so absurd sizes cannot overflow).
    func parameterCount(inputShape: [Int]) -> Int {
        func product(_ values: [Int]) -> Int {
            values.reduce(1) { let (result, overflow) = $0.multipliedReportingOverflow(by: $1); return overflow ? Int.max : result }
        }
        switch self {
        case let .conv(filters, kernelSize, _, _, _):
            return product([kernelSize, kernelSize, inputShape.last ?? 1, filters]).addingReportingOverflow(filters).partialValue
        case let .dense(units, _):
            return product([product(inputShape), units]).addingReportingOverflow(units).partialValue
        default:
            return 0
        }
    }

    /// The layer for input examples of `inputShape`; throws, saying why, if it does not fit.
    func makeLayer(inputShape: [Int], using generator: inout some RandomNumberGenerator) throws -> any Layer {
        let parameters = parameterCount(inputShape: inputShape)
        guard parameters >= 0, parameters <= Self.maximumParameters else {
            throw CommandError("\(text) on an input of \(inputShape) would need more than \(NumberFormat.grouped(Self.maximumParameters)) parameters; use fewer units or filters, or a smaller input")
        }
        do {
            switch self {
            case .input: throw CommandError("the model already has an input; 'model new' starts again")
            case let .conv(filters, kernelSize, stride, padding, relu):
                return try Conv2D(filters: filters, kernelSize: kernelSize, stride: stride, padding: padding,
                                  activation: relu ? .relu : .linear, inputShape: inputShape, using: &generator)
            case let .maxpool(poolSize, stride, padding):
                return try MaxPooling2D(poolSize: poolSize, stride: stride, padding: padding, inputShape: inputShape)
            case .flatten: return try Flatten(inputShape: inputShape)
            case let .dropout(rate): return try Dropout(rate: rate, inputShape: inputShape)
            case let .dense(units, activation):
                return try Dense(units: units, activation: activation, inputShape: inputShape, using: &generator)
            case .relu: return try ReLU(inputShape: inputShape)
            }
        } catch let error as ShapeError {
            throw CommandError(error.message)
        }
    }
}
