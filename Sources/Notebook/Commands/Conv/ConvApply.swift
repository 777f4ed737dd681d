/// `conv apply KERNEL INDEX`: a kernel over a real Fashion-MNIST image.
enum ConvApply {
    static func run(_ arguments: Arguments, in session: Session) throws {
        throw CommandError("not available yet")
    }
}
