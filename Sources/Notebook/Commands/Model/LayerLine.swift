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

    static let usage = "add input H W C | add conv F K [stride=S] [padding=valid|same] [relu] | add maxpool P [stride=S] [padding=valid|same] | add flatten | add dropout R | add dense U [relu|softmax] | add relu"

    /// Parses the words after `add`.
    static func parse(_ arguments: Arguments) throws -> LayerLine {
        guard let kind = arguments.positionals.first?.lowercased() else {
            throw CommandError("missing the layer: input, conv, maxpool, flatten, dropout, dense or relu")
        }
        let rest = Array(arguments.positionals.dropFirst())
        func number(_ index: Int, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
            guard index < rest.count else { throw CommandError("missing \(name)") }
            return try Arguments.integer(rest[index], name: name, in: range)
        }
        func padding() throws -> Padding {
            guard let text = arguments.keyword("padding") else { return .valid }
            guard let value = Padding(rawValue: text.lowercased()) else {
                throw CommandError("padding must be valid or same, got '\(text)'")
            }
            return value
        }
        func expectOnly(_ count: Int, keywords: Set<String> = []) throws {
            if rest.count > count { throw CommandError("unexpected argument '\(rest[count])'") }
            try arguments.expectKeywords(keywords)
        }
        switch kind {
        case "input":
            try expectOnly(3)
            return .input(height: try number(0, "H", 1...1024), width: try number(1, "W", 1...1024),
                          channels: try number(2, "C", 1...1024))
        case "conv", "conv2d":
            var relu = false
            var positional = rest
            if positional.count == 3 {
                guard positional[2].lowercased() == "relu" else {
                    throw CommandError("unexpected argument '\(positional[2])' (the activation can only be relu)")
                }
                relu = true
                positional.removeLast()
            }
            if positional.count > 2 { throw CommandError("unexpected argument '\(positional[2])'") }
            try arguments.expectKeywords(["stride", "padding"])
            return .conv(filters: try number(0, "F (filters)", 1...4096), kernelSize: try number(1, "K (kernel size)", 1...64),
                         stride: try arguments.integer(keyword: "stride", in: 1...64, default: 1),
                         padding: try padding(), relu: relu)
        case "maxpool", "maxpooling2d", "pool":
            try expectOnly(1, keywords: ["stride", "padding"])
            let stride = try arguments.keyword("stride").map { try Arguments.integer($0, name: "stride", in: 1...64) }
            return .maxpool(poolSize: try number(0, "P (pool size)", 1...64), stride: stride, padding: try padding())
        case "flatten":
            try expectOnly(0)
            return .flatten
        case "dropout":
            try expectOnly(1)
            guard let text = rest.first else { throw CommandError("missing R (the rate, e.g. 0.2)") }
            let rate = try Arguments.number(text, name: "R (rate)", in: 0...0.99)
            return .dropout(rate: Float(rate))
        case "dense":
            var activation = Activation.linear
            if rest.count == 2 {
                switch rest[1].lowercased() {
                case "relu": activation = .relu
                case "softmax": activation = .softmax
                case "linear": activation = .linear
                default: throw CommandError("the activation must be relu or softmax, got '\(rest[1])'")
                }
            }
            try expectOnly(2)
            return .dense(units: try number(0, "U (units)", 1...65_536), activation: activation)
        case "relu":
            try expectOnly(0)
            return .relu
        default:
            throw CommandError("unknown layer '\(kind)' (expected input, conv, maxpool, flatten, dropout, dense or relu)")
        }
    }

    /// Parses a canonical line such as `conv 32 3 stride=2 relu` (from a model file).
    static func parse(line: String) throws -> LayerLine {
        try parse(Arguments(try Arguments.split(line)))
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
