/// `features`: the feature maps of one image after a layer
enum FeaturesCommand: Command {
    static let name = "features"
    static let usage = "features LAYER INDEX"
    static let summary = "the feature maps of one image after a layer"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
