import Foundation

/// Runs the built `riskkit` binary and captures its output and exit code.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `riskkit` executable next to the test bundle (SwiftPM builds products and tests into one folder).
    static let executable: URL = {
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("riskkit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        fatalError("riskkit executable not found near \(Bundle.main.bundleURL.path)")
    }()

    /// The package root (for fixtures and shipped files).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `SOURCE_DATE_EPOCH` every run gets unless `environment` says otherwise, so that two runs' outputs
    /// (which carry `scored_at`) can be compared byte for byte: 2026-12-03T14:05:09Z.
    static let sourceDateEpoch = "1796306709"

    /// Runs `riskkit arguments` from the package root, with `environment` added to this process's environment.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.environment = ProcessInfo.processInfo.environment
            .merging(["SOURCE_DATE_EPOCH": sourceDateEpoch], uniquingKeysWith: { $1 })
            .merging(environment, uniquingKeysWith: { $1 })
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
