#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Notebook
import Synchronization

/// Ctrl-C and broken pipes.
///
/// SIGINT never kills convbook outright: it calls `Interruption.request()` (long commands poll
/// it and stop cleanly) and writes a byte to a pipe so the prompt loop wakes at once and
/// clears the line. Only when Ctrl-C is pressed `patience` times without anyone taking
/// notice (a command that cannot be interrupted) does the process leave, with status 130.
/// SIGPIPE is ignored: writing to a closed pipe is an error the console handles.
///
/// The handler never runs on a thread that computes. oneDNN 2.x's JIT matrix products point
/// the stack pointer into a heap workspace while they run, so the frame the kernel pushes for
/// a handler that interrupts one is written over the heap, and glibc later aborts ("corrupted
/// size vs. prev_size"; oneDNN issue #4845, fixed in 3.x; Debian 12 ships 2.6.3). So the main
/// thread, which trains and evaluates, blocks SIGINT; the worker team's threads block every
/// asynchronous signal (`ck_team_create`); and a thread of its own leaves SIGINT open and
/// sleeps, so that the kernel delivers Ctrl-C to it. The prompt and long commands notice it
/// through `Interruption` and the wake-up pipe.
enum SignalHandling {
    /// Ctrl-C presses not yet taken notice of.
    private static let unanswered = Atomic<Int>(0)
    private static let patienceLimit = Atomic<Int>(3)
    nonisolated(unsafe) private static var wakeWriteDescriptor: Int32 = -1
    /// Readable when Ctrl-C was pressed; `drainWakeUps` empties it.
    nonisolated(unsafe) private(set) static var wakeReadDescriptor: Int32 = -1

    /// Installs the handlers. `patience` Ctrl-C presses in a row with nobody answering end the
    /// process (3 on a terminal; 2 for scripts, where the second one means "stop everything").
    static func install(patience: Int) {
        signal(SIGPIPE, SIG_IGN)
        Interruption.clear()  // touch the statics now: the handler must not initialise them
        unanswered.store(0, ordering: .relaxed)
        patienceLimit.store(patience, ordering: .relaxed)
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
            wakeReadDescriptor = descriptors[0]
            wakeWriteDescriptor = descriptors[1]
        }
        signal(SIGINT, handleInterrupt)
        let receiver = Thread {
            // Open here, even if a parent started us with SIGINT blocked (the mask is inherited).
            var interruptOnly = interruptSet()
            pthread_sigmask(SIG_UNBLOCK, &interruptOnly, nil)
            while true { pause() }
        }
        receiver.start()
        var interruptOnly = interruptSet()
        pthread_sigmask(SIG_BLOCK, &interruptOnly, nil)
    }

    /// The set holding SIGINT alone.
    private static func interruptSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        return set
    }

    /// Someone took notice of the Ctrl-C presses so far (the prompt, or a new command starting).
    static func answered() {
        unanswered.store(0, ordering: .relaxed)
        drainWakeUps()
    }

    /// Whether Ctrl-C was pressed since `answered()` was last called (even if a command has
    /// already taken notice and cleared `Interruption`).
    static var wasInterrupted: Bool { unanswered.load(ordering: .relaxed) > 0 }

    /// Empties the wake-up pipe.
    static func drainWakeUps() {
        guard wakeReadDescriptor >= 0 else { return }
        var byte: UInt8 = 0
        while read(wakeReadDescriptor, &byte, 1) > 0 {}
    }

    /// The SIGINT handler: only async-signal-safe work (atomics, write, _exit).
    private static let handleInterrupt: @convention(c) (Int32) -> Void = { _ in
        Interruption.request()
        let presses = unanswered.add(1, ordering: .relaxed).newValue
        if presses >= patienceLimit.load(ordering: .relaxed) {
            leave()
        }
        var byte: UInt8 = 0x03
        _ = write(wakeWriteDescriptor, &byte, 1)
    }

    private static func leave() {
        let text: StaticString = "\nconvbook: interrupted again, leaving\n"
        _ = write(STDERR_FILENO, text.utf8Start, text.utf8CodeUnitCount)
        _exit(130)
    }
}
