/// `add`: add a layer, as the Keras code does
enum AddCommand: Command {
    static let name = "add"
    static let usage = "add input H W C | add conv F K [stride=S] [padding=valid|same] [relu] | add flatten | add dropout R | add dense U [relu|softmax]"
    static let summary = "add a layer, as the Keras code does"
    static let discussion = "Not written yet."

    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
