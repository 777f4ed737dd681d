/// Enter (an empty line on a terminal) and `conv step` show the demo's next window.
extension ConvDemoState: Stepper {
    public var isFinished: Bool { !isStarted || nextWindow >= windowCount }

    /// Shows the next window; after the last one, says the feature map is complete.
    public func step(in session: Session) throws {
        session.console.write(try nextStepText(console: session.console))
    }

    /// Advances to the next window and returns what showing it prints (with the ending
    /// after the last window).
    func nextStepText(console: Console) throws -> String {
        guard isStarted else { throw CommandError("no demo running: start one with 'conv demo'") }
        guard nextWindow < windowCount else { throw CommandError("every window has been shown: 'conv demo' starts again") }
        let index = advance()
        var text = "\n" + windowText(index, console: console)
        if isFinished { text += "\n" + ending(width: console.capabilities.width) }
        return text
    }
}
