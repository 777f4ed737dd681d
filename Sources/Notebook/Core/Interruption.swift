import Synchronization

/// Ctrl-C as a request: the executable's SIGINT handler raises it, long-running work
/// (training, `conv run`, a lesson's `run`) polls it between steps and stops cleanly.
public enum Interruption {
    private static let flag = Atomic<Bool>(false)

    /// Marks that the user pressed Ctrl-C. Async-signal-safe: a single atomic store.
    public static func request() { flag.store(true, ordering: .relaxed) }

    /// Whether Ctrl-C was pressed since the last `clear()`.
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Forgets an earlier request; call before starting interruptible work.
    public static func clear() { flag.store(false, ordering: .relaxed) }
}
