/// Work split over the cores: `0..<count` cut into up to `WorkerTeam.shared.threadCount`
/// contiguous ranges, run at once by the worker team.
public enum Parallel {
    /// Runs `body` on consecutive ranges covering `0..<count`, each at least `minimumChunk`
    /// long, in parallel; on the calling thread alone when there is not enough work to split.
    /// `body` must only write state that no other range touches.
    public static func forEachRange(_ count: Int, minimumChunk: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let parts = min(WorkerTeam.shared.threadCount, count / max(1, minimumChunk))
        guard parts > 1 else {
            if count > 0 { body(0..<count) }
            return
        }
        WorkerTeam.shared.forEach(parts) { part in
            body((count * part / parts)..<(count * (part + 1) / parts))
        }
    }
}
