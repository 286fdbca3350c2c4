import Foundation

/// `riskkit-bench <benchmark> [options]`: one benchmark per first argument.
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "csv":
        try CSVBenchmark.run(Array(arguments.dropFirst()))
    default:
        let usage = "usage: riskkit-bench csv [--dir DIR] [--rows N] [--cols N] [--file PATH] [--peer]\n"
        FileHandle.standardError.write(Data(usage.utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("riskkit-bench: \(error)\n".utf8))
    exit(1)
}
