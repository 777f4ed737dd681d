// swift-tools-version:6.0
import PackageDescription

let linuxOnly = TargetDependencyCondition.when(platforms: [.linux])

/// The numeric targets are optimised in debug builds too: `swift test` trains real
/// (small) models, and unoptimised Swift loops run 10-50x slower. Testability is kept.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "convbook",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "convbook", targets: ["convbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C bindings: system libraries, found by pkg-config where they ship a .pc file (Apple
        // platforms use Accelerate, libedit's readline, the SDK's zlib and ImageIO instead).
        // oneDNN has none; its headers and library are in the compiler's default paths.
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .systemLibrary(name: "CReadline", pkgConfig: "readline",
                       providers: [.apt(["libreadline-dev"]), .brew(["readline"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),

        // C kernels: the training step's element-wise loops, the direct convolution of small
        // windows and im2col/col2im, compiled for AVX-512 / AVX2 / SSE2 with a run-time choice
        // (Swift itself targets baseline x86-64).
        .target(name: "CKernels",
                cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]),

        // Libraries: TensorCore -> NeuralNet -> Notebook; Datasets beside NeuralNet.
        .target(name: "TensorCore",
                dependencies: ["CKernels", .target(name: "CDNNL", condition: linuxOnly)],
                swiftSettings: optimizedInDebug),
        .target(name: "NeuralNet", dependencies: ["TensorCore", "CKernels"],
                swiftSettings: optimizedInDebug),
        .target(name: "Datasets",
                dependencies: ["TensorCore", "CKernels", "CZlib",
                               .target(name: "CCrypto", condition: linuxOnly)],
                resources: [.copy("Resources/fashion-mnist-sample")],
                swiftSettings: optimizedInDebug),
        .target(name: "Notebook",
                dependencies: ["TensorCore", "NeuralNet", "Datasets",
                               .target(name: "CPNG", condition: linuxOnly)]),

        // The executable: arguments, the readline line reader, signals.
        .executableTarget(name: "convbook",
                          dependencies: ["Notebook", "CReadline",
                                         .product(name: "ArgumentParser",
                                                  package: "swift-argument-parser")]),

        // Fuzz targets (`make fuzz`, tools/fuzz.sh): libFuzzer drivers, or file replayers in
        // ordinary builds. Each keeps its seed corpus beside it.
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "fuzz-commands", dependencies: ["Notebook", "FuzzSupport"],
                          path: "Fuzz/Commands", exclude: ["corpus"]),
        .executableTarget(name: "fuzz-idx", dependencies: ["Datasets", "FuzzSupport"],
                          path: "Fuzz/IDX", exclude: ["corpus"]),
        .executableTarget(name: "fuzz-safetensors", dependencies: ["NeuralNet", "FuzzSupport"],
                          path: "Fuzz/Safetensors", exclude: ["corpus"]),
        .executableTarget(name: "fuzz-lessons", dependencies: ["Notebook", "FuzzSupport"],
                          path: "Fuzz/Lessons", exclude: ["corpus"]),
        .executableTarget(name: "fuzz-models", dependencies: ["Notebook", "Datasets", "FuzzSupport"],
                          path: "Fuzz/Models", exclude: ["corpus"]),

        // Tests: one target per library, plus end-to-end transcripts of the binary.
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "Datasets"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TensorCore"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "TensorCore"]),
        .testTarget(name: "convbookTests", dependencies: ["Notebook", "TensorCore"],
                    exclude: ["Fixtures"], resources: [.copy("Snapshots")]),  // Fixtures are read by path
    ],
    swiftLanguageModes: [.v6]
)
