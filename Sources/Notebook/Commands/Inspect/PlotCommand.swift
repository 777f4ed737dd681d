/// `plot`: training curves in the terminal or as SVG
enum PlotCommand: Command {
    static let name = "plot"
    static let usage = "plot [loss|accuracy] [svg=FILE]"
    static let summary = "training curves in the terminal or as SVG"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
