import Foundation

/// `riskkit-bench <benchmark> [options]`: one benchmark per first argument.
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "csv":
        try CSVBenchmark.run(Array(arguments.dropFirst()))
    case "fit":
        try FitBenchmark.run(Array(arguments.dropFirst()))
    case "gwas":
        try GWASBenchmark.run(Array(arguments.dropFirst()))
    case "prs":
        try PRSBenchmark.run(Array(arguments.dropFirst()))
    case "pca":
        try PCABenchmark.run(Array(arguments.dropFirst()))
    case "prs-vcf":
        try PRSVCFBenchmark.run(Array(arguments.dropFirst()))
    case "clump":
        try ClumpBenchmark.run(Array(arguments.dropFirst()))
    case "lasso":
        try LassoBenchmark.run(Array(arguments.dropFirst()))
    case "score":
        try ScoreBenchmark.run(Array(arguments.dropFirst()))
    case "rescore":
        try RescoreBenchmark.run(Array(arguments.dropFirst()))
    default:
        FileHandle.standardError.write(Data("""
            usage: riskkit-bench csv [--dir DIR] [--rows N] [--cols N] [--peer]
                   riskkit-bench fit [--n N] [--p P] [--peer] …
                   riskkit-bench gwas [--samples N] [--variants M] [--covariates C] [--threads T] [--runs R] [--dir DIR]
                   riskkit-bench prs [--samples N] [--variants M] [--threads T] [--dir DIR]
                   riskkit-bench pca [--samples N] [--variants M] [--pcs K] [--threads T] [--dir DIR]
                   riskkit-bench prs-vcf [--samples N] [--variants M] [--threads T] [--dir DIR]
                   riskkit-bench clump [--samples N] [--variants M] [--spacing BP] [--dir DIR]
                   riskkit-bench lasso [--samples N] [--variants M] [--causal C] [--test T] [--alpha A] [--threads T] [--dir DIR]
                   riskkit-bench score [--dir DIR] [--runs R] [--riskkit PATH] [--no-peer]
                   riskkit-bench rescore [--dir DIR] [--patients N] [--runs R] [--riskkit PATH] [--postgres URL]

            """.utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("riskkit-bench: \(error)\n".utf8))
    exit(1)
}
