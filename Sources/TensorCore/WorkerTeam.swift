import CKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cores as a team of threads that start a job within microseconds (`ck_team`, in C):
/// the calling thread and `threadCount - 1` workers, which spin for a moment between
/// jobs and then sleep. For work handed out many times a second in equal parts (the
/// data-parallel training step); GCD's `concurrentPerform` wakes a parked worker, which took
/// 0.1-0.3 ms on the 2-core KVM guest.
///
/// The spin: a training step's job comes within microseconds of the last one's end, and the
/// parts of a job finish within a fraction of a millisecond of each other. One epoch of the
/// tutorial model (2-core KVM guest, alternating runs, when a step had two jobs): spinning up
/// to 200 us, 4.56-4.61 s and 8.9 s of CPU; 50 us, 4.32-4.52 s and 8.1-8.5 s; 10 us,
/// 4.52-4.65 s and 8.1-8.6 s.
public final class WorkerTeam: @unchecked Sendable {
    /// The process's team: one thread per core the process may run on, or `CONVBOOK_THREADS`
    /// threads when that is a positive number (`CONVBOOK_THREADS=1` trains on one core). One
    /// thread on Apple platforms, where Accelerate spreads a product over the cores itself.
    public static let shared = WorkerTeam(threads: requestedThreads)

    private static var requestedThreads: Int {
        if let text = getenv("CONVBOOK_THREADS"), let count = Int(String(cString: text)), count > 0 {
            return min(count, 256)
        }
        #if canImport(Accelerate)
        return 1
        #else
        return ck_available_cores()
        #endif
    }

    /// Threads that run a job, the caller included.
    public let threadCount: Int
    /// Nil when there is one thread, or no worker thread could be started.
    private let team: OpaquePointer?

    /// A team of `threads` threads (the caller and `threads - 1` workers) whose idle workers
    /// spin for `spinMicroseconds` before they sleep.
    init(threads: Int, spinMicroseconds: Int = 50) {
        let team = threads > 1 ? ck_team_create(threads - 1, spinMicroseconds) : nil
        self.team = team
        threadCount = team == nil ? 1 : threads
    }

    deinit { ck_team_destroy(team) }

    /// Runs `body` for each of `0..<iterations`, iteration `i` on thread `i % threadCount`
    /// (0 being the caller), and returns when all have run. A call made from inside a job,
    /// or while another thread's job runs, runs them all on its own thread.
    public func forEach(_ iterations: Int, _ body: @Sendable (Int) -> Void) {
        guard let team, iterations > 1 else {
            for index in 0..<iterations { body(index) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let job = Job(body: body, iterations: iterations, stride: threadCount)
            withExtendedLifetime(job) {
                ck_team_run(team, { context, thread in
                    let job = Unmanaged<Job>.fromOpaque(context!).takeUnretainedValue()
                    var index = thread
                    while index < job.iterations {
                        job.body(index)
                        index += job.stride
                    }
                }, Unmanaged.passUnretained(job).toOpaque())
            }
        }
    }

    /// What the C threads call back into.
    private final class Job: @unchecked Sendable {
        let body: @Sendable (Int) -> Void
        let iterations: Int, stride: Int
        init(body: @escaping @Sendable (Int) -> Void, iterations: Int, stride: Int) {
            self.body = body
            self.iterations = iterations
            self.stride = stride
        }
    }
}
