// swift-tools-version:6.0
import PackageDescription

// RiskKit's layers, one target each. A target depends only on targets listed above it, so the compiler keeps
// every arrow pointing down; `.ci/check-dependencies` also checks that C modules are imported (with
// `internal import`) only by their wrapper target and that only the umbrella re-exports. The README's
// "Architecture" section draws the same picture.
let package = Package(
    name: "RiskKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RiskKit", targets: ["RiskKit"]),
        .executable(name: "riskkit", targets: ["riskkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // MARK: - System libraries (the only C the package touches; each imported by one wrapper target)
        // OpenBLAS and LAPACKE: headers only (cblas.h, lapacke.h from libopenblas-dev and liblapacke-dev, which
        // .ci/setup installs); the libraries are loaded on first use (RiskKitLinearAlgebra's LinearAlgebraLibrary),
        // not linked, so runs that need no BLAS do not pay for loading them.
        .systemLibrary(name: "COpenBLAS"),
        .systemLibrary(name: "CLAPACKE"),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // MARK: - Layers, bottom to top
        /// Matrix (column-major Double), BLAS/LAPACK calls, typed LAPACK errors.
        .target(name: "RiskKitLinearAlgebra", dependencies: ["COpenBLAS", "CLAPACKE"]),
        /// CSV, tables, the feature schema and its one encoder, PLINK filesets, weight files, checksummed
        /// documents, compression, file errors.
        .target(
            name: "RiskKitData",
            dependencies: [
                "RiskKitLinearAlgebra",
                "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        /// Distributions, random numbers, variant QC, and the binary-outcome metrics that both models and
        /// evaluation use (AUC and DeLong, calibration, Hosmer–Lemeshow, folds).
        .target(name: "RiskKitStatistics", dependencies: ["RiskKitData", "RiskKitLinearAlgebra"]),
        /// Logistic regression, association tests, polygenic scores, the saved RiskModel, and training.
        .target(
            name: "RiskKitModels",
            dependencies: [
                "RiskKitStatistics", "RiskKitData", "RiskKitLinearAlgebra",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// Seeded synthetic cohorts for examples, tests and benchmarks.
        .target(name: "RiskKitSimulation", dependencies: ["RiskKitStatistics", "RiskKitData"]),
        /// Recommendation policies: rules, conditions, risk bands, the policy's verdict for one patient.
        .target(name: "RiskKitRecommendations", dependencies: ["RiskKitModels", "RiskKitData"]),
        /// The one patient path: rows and genotypes → encoded block → risk, percentile, contributions → report.
        .target(
            name: "RiskKitScoring",
            dependencies: ["RiskKitRecommendations", "RiskKitModels", "RiskKitStatistics", "RiskKitData"]
        ),
        /// Evaluating a saved model: the genetic gain of a polygenic score, and what builds on scoring.
        .target(
            name: "RiskKitEvaluation",
            dependencies: ["RiskKitScoring", "RiskKitModels", "RiskKitStatistics", "RiskKitData", "RiskKitLinearAlgebra"]
        ),
        /// Re-scoring runs and their history: a population scored with the one patient path into a store of runs
        /// and per-patient results (crash-safe resumable writing, one writer per store; SQLite through GRDB
        /// embedded, PostgreSQL through postgres-nio shared), keyed pseudonyms, and what changed between runs.
        .target(
            name: "RiskKitHistory",
            dependencies: [
                "RiskKitScoring", "RiskKitRecommendations", "RiskKitModels", "RiskKitData",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// The umbrella: re-exports every layer so `import RiskKit` is all a user writes.
        .target(
            name: "RiskKit",
            dependencies: [
                "RiskKitLinearAlgebra", "RiskKitData", "RiskKitStatistics", "RiskKitModels", "RiskKitSimulation",
                "RiskKitRecommendations", "RiskKitScoring", "RiskKitEvaluation", "RiskKitHistory",
            ]
        ),

        // MARK: - Command-line tools
        .executableTarget(
            name: "riskkit",
            dependencies: [
                "RiskKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "riskkit-bench",
            dependencies: ["RiskKit"],
            exclude: ["peers"]
        ),

        // MARK: - Tests
        /// Helpers shared by the test targets (approximate equality); kept under Tests/ and out of every product.
        .target(name: "RiskKitTestSupport", path: "Tests/RiskKitTestSupport"),
        .testTarget(
            name: "RiskKitTests",
            dependencies: ["RiskKit", "RiskKitTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "riskkitTests",
            dependencies: ["riskkit", "RiskKitTestSupport"]
        ),
    ]
)
