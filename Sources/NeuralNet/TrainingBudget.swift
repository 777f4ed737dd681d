/// Where the wall-clock time of training goes: each layer's forward and backward pass, the
/// loss, the optimizer, the data, the synchronisation between cores, the validation, and the
/// rest, accumulated over whole epochs so that the parts add up to the epochs' time.
///
/// The layer times are those of the calling thread: when a step runs its batch on several
/// cores, they are the first core's share, and the time it then waits for the others is
/// `synchronisation`. Reading the clock costs about 20 ns, a few hundred times per step of
/// milliseconds, so the budget can stay on while measuring (`train ... profile`).
public final class TrainingBudget {
    /// The layers' names, in order.
    public let layerNames: [String]
    /// Seconds in each layer's forward and backward pass, by layer index.
    public internal(set) var forward: [Double]
    public internal(set) var backward: [Double]
    /// Seconds filling the batches (shuffle included).
    public internal(set) var data = 0.0
    /// Seconds in the softmax cross-entropy and its gradient.
    public internal(set) var loss = 0.0
    /// Seconds summing the cores' gradients and updating the parameters (with several cores:
    /// all cores' time at it divided by their number).
    public internal(set) var optimizer = 0.0
    /// Seconds the calling thread waited for the other cores (for their parts, or for a
    /// layer's gradients to be complete).
    public internal(set) var synchronisation = 0.0
    /// Seconds in the validation passes at the ends of the epochs.
    public internal(set) var validation = 0.0
    /// The epochs' total seconds, as the epoch lines report them.
    public internal(set) var total = 0.0
    /// Completed epochs accumulated.
    public internal(set) var epochs = 0

    public init(layerNames: [String]) {
        self.layerNames = layerNames
        forward = Array(repeating: 0, count: layerNames.count)
        backward = Array(repeating: 0, count: layerNames.count)
    }

    /// What no part accounts for: progress reports, bookkeeping, the clock itself.
    public var other: Double {
        total - forward.reduce(0, +) - backward.reduce(0, +) - data - loss - optimizer - synchronisation - validation
    }

    /// Seconds since `start`, for the parts' stopwatches.
    @inline(__always)
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).seconds
    }
}
