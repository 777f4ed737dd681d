#if canImport(Glibc)
import Glibc
#endif
#if !canImport(Accelerate)
import CBLAS
#endif

/// Which OpenBLAS kernels run the products, and why.
///
/// OpenBLAS picks its kernels by CPU model when it loads. A processor newer than the OpenBLAS
/// release is not in its table, and OpenBLAS then falls back to its oldest x86-64 kernels,
/// "Prescott" (SSE3): OpenBLAS 0.3.21 (Debian 12) does so on Intel's Emerald Rapids (family 6,
/// model 207), which has AVX-512. When `OPENBLAS_CORETYPE` is unset, OpenBLAS is built for
/// dynamic architectures (it exports `gotoblas_dynamic_init`) and runs "Prescott", the kernel
/// table is re-selected from the processor's flags before the first product: "SkylakeX" with
/// AVX-512 F, CD, BW, DQ and VL, "Haswell" with AVX2 and FMA. Measured on that 2-core machine
/// (625 training steps of the tutorial model, load 4.4): 7.6 s of CPU with Prescott, 3.0 s
/// with SkylakeX, same results up to rounding.
///
/// An explicit `OPENBLAS_CORETYPE` is always honoured, and so is any choice OpenBLAS made
/// knowing the processor. `CONVBOOK_KEEP_BLAS_CORE=1` leaves even the fallback alone (for
/// measuring it).
public enum BLASKernels {
    /// The OpenBLAS core in use after the selection ("SkylakeX", "Haswell"; "Accelerate" on
    /// Apple platforms).
    public static var coreName: String { selection.name }

    /// How the core was chosen, in a few words: "pinned by OPENBLAS_CORETYPE",
    /// "OpenBLAS's choice", or "OpenBLAS fell back to Prescott; chosen from the CPU flags".
    public static var reason: String { selection.reason }

    /// Made once, before the first product (`GEMM` touches it).
    static let selection: (name: String, reason: String) = select()

    private static func select() -> (name: String, reason: String) {
        #if canImport(Accelerate)
        return ("Accelerate", "Apple's BLAS")
        #else
        let current = String(cString: openblas_get_corename())
        if let pinned = getenv("OPENBLAS_CORETYPE") {
            return (current, "pinned by OPENBLAS_CORETYPE=\(String(cString: pinned))")
        }
        guard current == "Prescott", getenv("CONVBOOK_KEEP_BLAS_CORE") == nil,
              let wanted = coreForFlags(),
              let quit = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gotoblas_dynamic_quit"),
              let initialize = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gotoblas_dynamic_init") else {
            return (current, "OpenBLAS's choice")
        }
        typealias Entry = @convention(c) () -> Void
        setenv("OPENBLAS_CORETYPE", wanted, 1)
        unsafeBitCast(quit, to: Entry.self)()
        unsafeBitCast(initialize, to: Entry.self)()
        unsetenv("OPENBLAS_CORETYPE")
        return (String(cString: openblas_get_corename()), "OpenBLAS fell back to Prescott; chosen from the CPU flags")
        #endif
    }

    /// The best OpenBLAS core the processor's flags (/proc/cpuinfo) allow, nil if none
    /// better than Prescott is certain.
    private static func coreForFlags() -> String? {
        let flags = cpuFlags()
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy(flags.contains) { return "Haswell" }
        return nil
    }

    /// The words of the first `flags` line of /proc/cpuinfo (empty where there is none).
    private static func cpuFlags() -> Set<String> {
        #if canImport(Glibc)
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        while getline(&buffer, &capacity, file) > 0, let line = buffer {
            let text = String(cString: line)
            guard text.hasPrefix("flags") else { continue }
            return Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
        }
        return []
        #else
        return []
        #endif
    }
}
