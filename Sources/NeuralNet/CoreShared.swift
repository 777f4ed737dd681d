/// A value handed to every core of one `WorkerTeam` job, which each core only reads or only
/// uses its own part of (the examples, whose `fill` only reads; the models, one per core).
struct CoreShared<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
