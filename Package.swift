// swift-tools-version:6.0
import PackageDescription

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
    ],
    targets: [
        // MARK: - System libraries (the only C the package touches)
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: - Library
        .target(
            name: "RiskKit",
            dependencies: [
                "COpenBLAS",
                "CLAPACKE",
                "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // MARK: - Command-line tools
        .executableTarget(
            name: "riskkit",
            dependencies: [
                "RiskKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "riskkit-bench",
            dependencies: ["RiskKit"],
            exclude: ["peers"]
        ),

        // MARK: - Tests
        .testTarget(
            name: "RiskKitTests",
            dependencies: ["RiskKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "riskkitTests",
            dependencies: ["riskkit"]
        ),
    ]
)
