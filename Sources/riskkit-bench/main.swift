switch CommandLine.arguments.dropFirst().first {
case "fit": try FitBenchmark.run(Array(CommandLine.arguments.dropFirst(2)))
default: print("riskkit-bench")
}
