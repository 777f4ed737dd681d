#if canImport(Glibc)
import Glibc
#endif
#if !canImport(Accelerate)
import CBLAS
#endif

/// Chooses OpenBLAS's AVX-512 kernels where the processor has AVX-512 but OpenBLAS runs its
/// AVX2 ones.
///
/// OpenBLAS picks its kernels by CPU model when it loads, and OpenBLAS 0.3.21 (Debian 12) does
/// not know AMD Zen 4/5; machines with such CPUs therefore often set
/// `OPENBLAS_CORETYPE=Haswell` (this project's benchmark machine does), which runs AVX2 code on
/// a CPU with AVX-512. When OpenBLAS is built for dynamic architectures (it exports
/// `gotoblas_dynamic_init`), is running its "Haswell" or "Zen" kernels, and /proc/cpuinfo lists
/// AVX-512 F, CD, BW, DQ and VL, the kernel table is re-selected as "SkylakeX" before the first
/// product. Measured on the 2-core Zen 5 benchmark machine: 625 training steps of the tutorial
/// model took 2.57 s of CPU instead of 3.31 s (single-threaded, same results up to rounding).
/// `CONVBOOK_KEEP_BLAS_CORE=1` leaves OpenBLAS's choice alone.
enum BLASKernels {
    /// The OpenBLAS core in use after the selection ("SkylakeX", "Haswell"; "Accelerate" on Apple).
    static let coreName: String = select()

    private static func select() -> String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        let current = String(cString: openblas_get_corename())
        guard getenv("CONVBOOK_KEEP_BLAS_CORE") == nil, ["Haswell", "Zen"].contains(current), cpuHasAVX512(),
              let quit = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gotoblas_dynamic_quit"),
              let initialize = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gotoblas_dynamic_init") else {
            return current
        }
        typealias Entry = @convention(c) () -> Void
        let previous = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
        setenv("OPENBLAS_CORETYPE", "SkylakeX", 1)
        unsafeBitCast(quit, to: Entry.self)()
        unsafeBitCast(initialize, to: Entry.self)()
        if let previous { setenv("OPENBLAS_CORETYPE", previous, 1) } else { unsetenv("OPENBLAS_CORETYPE") }
        return String(cString: openblas_get_corename())
        #endif
    }

    /// Whether /proc/cpuinfo lists the AVX-512 subsets OpenBLAS's SkylakeX kernels use.
    private static func cpuHasAVX512() -> Bool {
        #if canImport(Glibc)
        guard let file = fopen("/proc/cpuinfo", "r") else { return false }
        defer { fclose(file) }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        while getline(&buffer, &capacity, file) > 0, let line = buffer {
            let text = String(cString: line)
            guard text.hasPrefix("flags") else { continue }
            let flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }))
            return ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy { flags.contains(Substring($0)) }
        }
        return false
        #else
        return false
        #endif
    }
}
