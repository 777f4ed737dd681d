#if canImport(Accelerate)
#else
import CDNNL
import Glibc
#endif

/// Which library runs `GEMM`'s products and which instructions it may use, for the first line
/// of the training profile: "oneDNN 2.6.3, up to avx512_core_amx (its own choice)".
///
/// oneDNN compiles its kernels when the program runs, for the widest instructions the
/// processor has, unless `ONEDNN_MAX_CPU_ISA` (or its older name `DNNL_MAX_CPU_ISA`) caps
/// them; a cap is honoured and said so. Apple platforms use Accelerate.
public enum MatrixLibrary {
    /// The library and its version: "oneDNN 2.6.3", or "Accelerate".
    public static let name: String = {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        let version = dnnl_version().pointee
        return "oneDNN \(version.major).\(version.minor).\(version.patch)"
        #endif
    }()

    /// The widest instructions oneDNN may use and why: "up to avx512_core (its own choice)",
    /// "up to avx2 (capped by ONEDNN_MAX_CPU_ISA=AVX2)"; empty on Apple platforms.
    public static let instructions: String = {
        #if canImport(Accelerate)
        return ""
        #else
        let cap = ["ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"].lazy.compactMap { (key: String) -> String? in
            guard let value = getenv(key).map({ String(cString: $0) }), !value.isEmpty else { return nil }
            return "capped by \(key)=\(value)"
        }.first
        return "up to \(isaName(dnnl_get_effective_cpu_isa())) (\(cap ?? "its own choice"))"
        #endif
    }()

    /// "oneDNN 2.6.3, up to avx512_core_amx (its own choice)", or "Accelerate".
    public static var summary: String { instructions.isEmpty ? name : "\(name), \(instructions)" }

    #if !canImport(Accelerate)
    /// oneDNN's name for an instruction set (`dnnl_cpu_isa_avx512_core` -> "avx512_core"),
    /// for the sets that oneDNN 2 and 3 both define; the number for any other.
    private static func isaName(_ isa: dnnl_cpu_isa_t) -> String {
        let known: [(dnnl_cpu_isa_t, String)] = [
            (dnnl_cpu_isa_sse41, "sse41"), (dnnl_cpu_isa_avx, "avx"), (dnnl_cpu_isa_avx2, "avx2"),
            (dnnl_cpu_isa_avx2_vnni, "avx2_vnni"), (dnnl_cpu_isa_avx512_core, "avx512_core"),
            (dnnl_cpu_isa_avx512_core_vnni, "avx512_core_vnni"), (dnnl_cpu_isa_avx512_core_bf16, "avx512_core_bf16"),
            (dnnl_cpu_isa_avx512_core_amx, "avx512_core_amx"),
        ]
        return known.first { $0.0 == isa }?.1 ?? "instruction set 0x\(String(isa.rawValue, radix: 16))"
    }
    #endif
}
