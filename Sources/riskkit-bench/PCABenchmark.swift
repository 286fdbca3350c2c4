import Foundation
import RiskKit

/// `riskkit-bench pca`: `riskkit pca --approx` against `plink2 --pca approx` on the same fileset, in one run.
///
/// Options: `--samples N` (10000), `--variants M` (100000), `--pcs K` (10), `--threads T` (2, for both), `--dir DIR`
/// (`/tmp/riskkit-pca-bench`; the fileset is made once and reused). The fileset has population structure: four
/// equal populations whose A1 frequencies scatter around a common p ~ U(0.05, 0.95) with variance F·p(1 − p),
/// F = 0.01 (clamped to [0.01, 0.99]); dosages are two Bernoulli draws, 1% of calls missing (SplitMix64, seed 17).
/// Prints both wall times (one run each) and the largest relative difference of the eigenvalues of the three
/// components the structure creates.
enum PCABenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchmarkArguments(arguments)
        let samples = options.integer("--samples", 10_000), variants = options.integer("--variants", 100_000)
        let pcs = options.integer("--pcs", 10), threads = options.integer("--threads", 2)
        let dir = options.text("--dir") ?? "/tmp/riskkit-pca-bench"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let prefix = "\(dir)/structured-\(samples)x\(variants)"
        if !FileManager.default.fileExists(atPath: prefix + ".bed") { try simulate(samples, variants, prefix: prefix) }
        FitBenchmark.say("data     \(samples) samples × \(variants) variants, 4 populations (F = 0.01), 1% missing")
        let riskkit = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("riskkit").path
        var start = Date()
        try PRSBenchmark.shell([riskkit, "pca", "--bfile", prefix, "--pcs", "\(pcs)", "--approx", "--threads", "\(threads)",
                                "--out", "\(dir)/riskkit"])
        let ours = Date().timeIntervalSince(start)
        FitBenchmark.say(String(format: "riskkit  pca --pcs %d --approx, %d threads: %.1f s", pcs, threads, ours))
        start = Date()
        try PRSBenchmark.shell(["plink2", "--bfile", prefix, "--pca", "\(pcs)", "approx", "--threads", "\(threads)",
                                "--out", "\(dir)/plink2"])
        let theirs = Date().timeIntervalSince(start)
        FitBenchmark.say(String(format: "plink2   --pca %d approx, %d threads: %.1f s  (riskkit takes %.2f of plink2's time)",
                                pcs, threads, theirs, ours / theirs))
        func eigenvalues(_ path: String) throws -> [Double] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { Double($0) }
        }
        let a = try eigenvalues("\(dir)/riskkit.eigenval"), b = try eigenvalues("\(dir)/plink2.eigenval")
        let worst = zip(a.prefix(3), b.prefix(3)).map { abs($0 / $1 - 1) }.max() ?? .nan
        let shown = { (values: [Double]) in values.prefix(3).map { String(format: "%.4f", $0) }.joined(separator: " ") }
        FitBenchmark.say(String(format: "compare  eigenvalues of PCs 1–3: largest relative difference %.1e", worst)
                         + " (riskkit \(shown(a)), plink2 \(shown(b)))")
    }

    /// Writes the structured fileset described above.
    static func simulate(_ samples: Int, _ variants: Int, prefix: String) throws {
        var rng = SplitMix64(seed: 17)
        let populations = 4, f = 0.01
        var frequencies = [[Double]](repeating: [Double](repeating: 0, count: variants), count: populations)
        var bim: [PlinkVariant] = []
        for j in 0..<variants {
            let p = 0.05 + 0.9 * rng.nextUniform()
            for k in 0..<populations {
                frequencies[k][j] = Swift.min(0.99, Swift.max(0.01, p + (f * p * (1 - p)).squareRoot() * rng.nextNormal()))
            }
            bim.append(PlinkVariant(chromosome: "\(1 + j * 22 / variants)", id: "v\(j + 1)", position: 1000 * (j + 1),
                                    allele1: "A", allele2: "G"))
        }
        var writer = PlinkFilesetWriter(variants: bim, samples: samples)
        var dosages = [UInt8](repeating: 0, count: variants)
        for i in 0..<samples {
            let k = i * populations / samples
            for j in 0..<variants {
                let p = frequencies[k][j]
                dosages[j] = rng.nextUniform() < 0.01 ? 3
                    : UInt8((rng.nextUniform() < p ? 1 : 0) + (rng.nextUniform() < p ? 1 : 0))
            }
            writer.append(PlinkSample(familyID: "P\(k + 1)", individualID: "S\(i + 1)"), dosages: dosages)
        }
        try writer.write(prefix: prefix)
    }
}
