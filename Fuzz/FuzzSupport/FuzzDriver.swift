/// Runs a fuzz body under libFuzzer, or replays files through it.
///
/// Built by `tools/fuzz.sh` with `-D FUZZING`, coverage instrumentation and AddressSanitizer,
/// and linked with libFuzzer's no-main runtime: `runFuzzer` then hands control to
/// `LLVMFuzzerRunDriver`, and every libFuzzer flag works (`-max_total_time=60 corpus/`).
/// In ordinary builds the same executable replays the files named on its command line,
/// so a crashing input can be re-run under a debugger without the fuzzer.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

nonisolated(unsafe) private var fuzzBody: ([UInt8]) -> Void = { _ in }

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif

/// Feeds every input to `body`; never returns.
public func runFuzzer(_ body: @escaping ([UInt8]) -> Void) -> Never {
    fuzzBody = body
    #if FUZZING
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        fuzzBody(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    })
    #else
    for path in CommandLine.arguments.dropFirst() {
        guard let file = fopen(path, "rb") else {
            print("cannot open \(path)")
            exit(2)
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while case let count = fread(&buffer, 1, buffer.count, file), count > 0 {
            bytes += buffer[..<count]
        }
        fclose(file)
        fuzzBody(bytes)
        print("ok \(path)")
    }
    exit(0)
    #endif
}
