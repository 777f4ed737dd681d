import Foundation
import Synchronization
import Testing
@testable import TensorCore

/// The worker team (`WorkerTeam`, `ck_team` in C): every index runs exactly once, however
/// often, however nested and from however many threads it is called.
@Suite struct WorkerTeamTests {
    /// Counts of each index's runs, written from several threads.
    final class Tally: Sendable {
        let runs: Mutex<[Int]>
        init(_ count: Int) { runs = Mutex(Array(repeating: 0, count: count)) }
        func record(_ index: Int) { runs.withLock { $0[index] += 1 } }
        var counts: [Int] { runs.withLock { $0 } }
    }

    @Test(arguments: [0, 1, 2, 3, 7])
    func everyIndexRunsOnce(iterations: Int) {
        let team = WorkerTeam(threads: 2)
        let tally = Tally(iterations)
        team.forEach(iterations) { tally.record($0) }
        #expect(tally.counts == Array(repeating: 1, count: iterations))
    }

    /// Thousands of back-to-back jobs, as a training epoch hands out: none lost, none run twice.
    @Test func manyJobsInARowEachRunEveryIndexOnce() {
        let team = WorkerTeam(threads: 2, spinMicroseconds: 20)
        let tally = Tally(2)
        for _ in 0..<5_000 { team.forEach(2) { tally.record($0) } }
        #expect(tally.counts == [5_000, 5_000])
    }

    /// A job that sleeps past the spin time: the caller waits for it asleep, and the next job
    /// wakes the sleeping worker.
    @Test func sleepingWorkersWakeForTheNextJob() throws {
        let team = WorkerTeam(threads: 2, spinMicroseconds: 1)
        let tally = Tally(2)
        for _ in 0..<3 {
            team.forEach(2) { index in
                if index == 1 { usleep(5_000) }
                tally.record(index)
            }
            usleep(2_000)
        }
        #expect(tally.counts == [3, 3])
    }

    /// A job that itself asks the team for work gets it done on its own thread.
    @Test func aNestedCallRunsOnItsOwnThread() {
        let team = WorkerTeam(threads: 2)
        let tally = Tally(4)
        team.forEach(2) { outer in
            team.forEach(2) { inner in tally.record(outer * 2 + inner) }
        }
        #expect(tally.counts == [1, 1, 1, 1])
    }

    /// Two threads handing the same team work at once: whichever finds it busy runs its job
    /// on its own thread, and neither loses an index.
    @Test func twoCallersAtOnceEachGetTheirWorkDone() {
        let team = WorkerTeam(threads: 2)
        let tally = Tally(4)
        let done = DispatchSemaphore(value: 0)
        let other = Thread {
            for _ in 0..<2_000 { team.forEach(2) { tally.record(2 + $0) } }
            done.signal()
        }
        other.start()
        for _ in 0..<2_000 { team.forEach(2) { tally.record($0) } }
        done.wait()
        #expect(tally.counts == [2_000, 2_000, 2_000, 2_000])
    }

    /// No signal handler runs on a worker, as oneDNN 2.x's products must not be interrupted
    /// by one (see `ck_team_create`): a worker blocks what a terminal or another process sends
    /// and keeps open the signals a fault raises and the crash handler's SIGUSR2, whatever
    /// the creating thread blocked (here nothing). The caller's own mask is left as it was.
    @Test func workersBlockAsynchronousSignalsAndTheCallerKeepsItsMask() throws {
        var testThreadMask = sigset_t(), nothing = sigset_t()
        sigemptyset(&nothing)
        pthread_sigmask(SIG_SETMASK, &nothing, &testThreadMask)  // the runner's threads block some
        defer { pthread_sigmask(SIG_SETMASK, &testThreadMask, nil) }
        let callerBefore = Self.blockedSignals()
        let team = WorkerTeam(threads: 2)
        let masks = Mutex<[Int: sigset_t]>([:])
        team.forEach(2) { index in
            let mask = Self.blockedSignals()
            masks.withLock { $0[index] = mask }
        }
        var worker = try #require(masks.withLock { $0[1] })
        for signal in [SIGINT, SIGWINCH, SIGTERM, SIGHUP, SIGUSR1, SIGALRM, SIGCHLD] {
            #expect(sigismember(&worker, signal) == 1, "signal \(signal) reaches a worker")
        }
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGUSR2] {
            #expect(sigismember(&worker, signal) == 0, "signal \(signal) is blocked in a worker")
        }
        var caller = try #require(masks.withLock { $0[0] }), after = Self.blockedSignals(), before = callerBefore
        for signal in 1..<32 {
            #expect(sigismember(&caller, Int32(signal)) == sigismember(&before, Int32(signal)), "signal \(signal)")
            #expect(sigismember(&after, Int32(signal)) == sigismember(&before, Int32(signal)), "signal \(signal)")
        }
    }

    /// The calling thread's blocked signals.
    private static func blockedSignals() -> sigset_t {
        var mask = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &mask)
        return mask
    }

    @Test func aTeamOfOneRunsOnTheCaller() {
        let team = WorkerTeam(threads: 1)
        #expect(team.threadCount == 1)
        let tally = Tally(3)
        team.forEach(3) { tally.record($0) }
        #expect(tally.counts == [1, 1, 1])
    }
}
