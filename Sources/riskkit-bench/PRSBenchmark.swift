import Foundation
import RiskKit

/// `riskkit-bench prs`: `riskkit prs score` against `plink2 --score` on the same fileset and weights, in one run.
///
/// Options: `--samples N` (10000), `--variants M` (100000), `--threads T` (2, for both), `--dir DIR`
/// (`/tmp/riskkit-prs-bench`; the fileset and weights are made once and reused). The fileset comes from
/// `plink2 --dummy N M 0.01 acgt --seed 5 --make-bed` (1% missing calls); the weight file gives every variant a
/// seeded N(0, 0.01²) weight on a random one of its alleles. Also prints how long reading the `.bed` from the page
/// cache takes (the floor for any scorer), and checks that the two outputs agree. Times are the best of 3.
enum PRSBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchmarkArguments(arguments)
        let samples = options.integer("--samples", 10_000), variants = options.integer("--variants", 100_000)
        let threads = options.integer("--threads", 2)
        let dir = options.text("--dir") ?? "/tmp/riskkit-prs-bench"
        let (prefix, weights) = try makeData(samples: samples, variants: variants, threads: threads, dir: dir)
        let bedBytes = (try FileManager.default.attributesOfItem(atPath: prefix + ".bed")[.size] as? NSNumber)?.doubleValue ?? 0
        let readSeconds = try best { try readWhole(prefix + ".bed") }
        FitBenchmark.say(String(format: "data     %d samples × %d variants, .bed %.0f MB; reading it from the page cache: %.3f s (%.0f MB/s)",
                   samples, variants, bedBytes / 1e6, readSeconds, bedBytes / 1e6 / readSeconds))
        let riskkit = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("riskkit").path
        let ours = try best {
            try shell([riskkit, "prs", "score", "--bfile", prefix, "--weights", weights, "--threads", "\(threads)",
                       "--out", "\(dir)/riskkit.sscore"])
        }
        FitBenchmark.say(String(format: "riskkit  prs score, %d threads: %.3f s", threads, ours))
        let theirs = try best {
            try shell(["plink2", "--bfile", prefix, "--score", weights, "1", "2", "3", "header", "cols=+scoresums",
                       "--threads", "\(threads)", "--out", "\(dir)/plink2"])
        }
        FitBenchmark.say(String(format: "plink2   --score, %d threads: %.3f s  (riskkit takes %.2f of plink2's time)", threads, theirs, ours / theirs))
        let same = try sameScores(riskkit: "\(dir)/riskkit.sscore", plink2: "\(dir)/plink2.sscore", plink2HasFID: true)
        FitBenchmark.say("compare  outputs \(same ? "identical" : "DIFFER") (IID, ALLELE_CT, NAMED_ALLELE_DOSAGE_SUM, SCORE_AVG, SCORE_SUM)")
    }

    /// The fileset `DIR/dummy-NxM` (`plink2 --dummy N M 0.01 acgt --seed 5 --make-bed`) and its weight file, made
    /// when missing: every variant gets a seeded N(0, 0.01²) weight on a random one of its alleles.
    static func makeData(samples: Int, variants: Int, threads: Int, dir: String) throws -> (prefix: String, weights: String) {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let prefix = "\(dir)/dummy-\(samples)x\(variants)"
        if !FileManager.default.fileExists(atPath: prefix + ".bed") {
            try shell(["plink2", "--dummy", "\(samples)", "\(variants)", "0.01", "acgt", "--seed", "5", "--make-bed",
                       "--out", prefix, "--threads", "\(threads)"])
        }
        let weights = prefix + ".weights.txt"
        if !FileManager.default.fileExists(atPath: weights) {
            var rng = SplitMix64(seed: 7)
            var text = "ID A1 WEIGHT\n"
            for line in try String(contentsOfFile: prefix + ".bim", encoding: .utf8).split(separator: "\n") {
                let f = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
                text += "\(f[1]) \(rng.nextUniform() < 0.5 ? f[4] : f[5]) \(String(format: "%.6g", 0.01 * rng.nextNormal()))\n"
            }
            try text.write(toFile: weights, atomically: true, encoding: .utf8)
        }
        return (prefix, weights)
    }

    /// Whether riskkit's and plink2's `.sscore` rows agree (plink2's `#FID` and `PHENO1` columns left out).
    static func sameScores(riskkit: String, plink2: String, plink2HasFID: Bool) throws -> Bool {
        let a = try String(contentsOfFile: riskkit, encoding: .utf8).split(separator: "\n").dropFirst()
        let b = try String(contentsOfFile: plink2, encoding: .utf8).split(separator: "\n").dropFirst()
        return a.count == b.count && zip(a, b).allSatisfy { x, y in
            let p = y.split(separator: "\t")
            return x == (plink2HasFID ? [p[1]] + p[3...] : Array(p)).joined(separator: "\t")
        }
    }

    /// Best wall time of three runs of `body`.
    static func best(_ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<3 {
            let start = Date()
            try body()
            times.append(Date().timeIntervalSince(start))
        }
        return times.min()!
    }

    /// Reads a file in 1 MiB chunks and discards it.
    static func readWhole(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BenchmarkFailure(message: "cannot open \(path)") }
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {}
    }

    /// Runs a command with its output discarded; fails on a non-zero exit.
    static func shell(_ command: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure(message: "`\(command.joined(separator: " "))` exited with \(process.terminationStatus)")
        }
    }
}
