/// Starting `pool demo`: the introduction, then the first window (terminal) or all of them.
enum PoolDemoRun {
    static func start(mode: PoolDemoState.Mode, size: Int, stride: Int, in session: Session) throws {
        let demo = try PoolDemoState(image: session.demo.image, mode: mode, size: size, stride: stride)
        session.demo.pool = demo
        let console = session.console
        console.write(demo.introduction(channels: session.demo.channels, console: console))
        try demo.begin(in: session, hint: "Enter (or 'pool step') shows the next window, 'pool run' the rest.")
    }
}
