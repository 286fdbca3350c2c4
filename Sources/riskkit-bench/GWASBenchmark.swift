import Foundation
import RiskKit

/// `riskkit-bench gwas`: `riskkit gwas` against `plink2 --glm` on the same fileset, phenotype and covariates, in one run.
///
/// Options: `--samples N` (8000), `--variants M` (100000), `--covariates C` (10), `--threads T` (2, for both),
/// `--runs R` (1; each run times riskkit, then plink2, at T threads and then at 1 thread), `--dir DIR` (`/tmp/riskkit-gwas-bench`; inputs are made once
/// and reused). The fileset and its case/control phenotype come from
/// `plink2 --dummy N M 0.01 acgt --seed 11 --make-bed` (1% missing calls); the covariate file holds an age-like
/// integer (35–75), a 0/1 column and C − 2 standard normal columns (SplitMix64 seed 3). plink2 runs
/// `--glm hide-covar cols=…` with `--covar-variance-standardize`, which leaves the genotype's estimates unchanged.
/// Afterwards BETA and SE are compared for every variant where neither tool used Firth.
enum GWASBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchmarkArguments(arguments)
        let samples = options.integer("--samples", 8_000), variants = options.integer("--variants", 100_000)
        let covariates = options.integer("--covariates", 10), threads = options.integer("--threads", 2)
        let runs = options.integer("--runs", 1)
        let dir = options.text("--dir") ?? "/tmp/riskkit-gwas-bench"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let prefix = "\(dir)/dummy-\(samples)x\(variants)"
        if !FileManager.default.fileExists(atPath: prefix + ".bed") {
            try PRSBenchmark.shell(["plink2", "--dummy", "\(samples)", "\(variants)", "0.01", "acgt", "--seed", "11",
                                    "--make-bed", "--out", prefix, "--threads", "\(threads)"])
        }
        let covar = "\(prefix).covar\(covariates).txt"
        if !FileManager.default.fileExists(atPath: covar) {
            var rng = SplitMix64(seed: 3)
            var text = "#FID IID " + (1...covariates).map { "C\($0)" }.joined(separator: " ") + "\n"
            for line in try String(contentsOfFile: prefix + ".fam", encoding: .utf8).split(separator: "\n") {
                let f = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
                var row = ["\(f[0])", "\(f[1])"]
                for c in 0..<covariates {
                    switch c {
                    case 0: row.append("\(35 + Int(rng.nextUniform() * 41))")
                    case 1: row.append(rng.nextUniform() < 0.5 ? "0" : "1")
                    default: row.append(String(format: "%.6f", rng.nextNormal()))
                    }
                }
                text += row.joined(separator: " ") + "\n"
            }
            try text.write(toFile: covar, atomically: true, encoding: .utf8)
        }
        let riskkit = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("riskkit").path
        FitBenchmark.say("data     \(samples) samples × \(variants) variants, \(covariates) covariates, \(threads) threads")
        // Each thread count: riskkit, then plink2, `runs` times; plink2's sched_yield-heavy threading makes its
        // 2-thread runs slower than 1-thread ones on some machines, so 1 thread is always measured too.
        for t in threads > 1 ? [threads, 1] : [1] {
            var ours: [Double] = [], theirs: [Double] = []
            for _ in 0..<runs {
                ours.append(try time {
                    try PRSBenchmark.shell([riskkit, "gwas", "--bfile", prefix, "--covar", covar, "--threads", "\(t)",
                                            "--out", "\(dir)/riskkit.glm"])
                })
                FitBenchmark.say(String(format: "riskkit  gwas, %d thread(s): %.2f s", t, ours.last!))
                theirs.append(try time {
                    try PRSBenchmark.shell(["plink2", "--bfile", prefix, "--covar", covar, "--glm", "hide-covar",
                                            "cols=chrom,pos,ref,alt,a1freq,firth,test,nobs,beta,se,tz,p,err",
                                            "--covar-variance-standardize", "--threads", "\(t)", "--out", "\(dir)/plink2"])
                })
                FitBenchmark.say(String(format: "plink2   --glm, %d thread(s): %.2f s  (riskkit takes %.2f of plink2's time)",
                                        t, theirs.last!, ours.last! / theirs.last!))
            }
            if runs > 1 {
                FitBenchmark.say(String(format: "best     %d thread(s): riskkit %.2f s, plink2 %.2f s: ratio %.2f", t,
                                        ours.min()!, theirs.min()!, ours.min()! / theirs.min()!))
            }
        }
        try compare(ours: "\(dir)/riskkit.glm", theirs: "\(dir)/plink2.PHENO1.glm.logistic.hybrid")
    }

    /// Wall time of `body`.
    static func time(_ body: () throws -> Void) throws -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    /// Largest relative BETA and SE differences over variants neither tool fitted by Firth, and how many exceed 1e-4.
    static func compare(ours: String, theirs: String) throws {
        func rows(_ path: String) throws -> [[Substring]] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: "\t") }
        }
        let a = try rows(ours), b = try rows(theirs)
        guard a.count == b.count else { throw BenchmarkFailure(message: "row counts differ: \(a.count) vs \(b.count)") }
        var worst = (beta: 0.0, se: 0.0, betaInSE: 0.0), above = 0, compared = 0, firthOurs = 0, firthTheirs = 0, codes = 0
        var largestAbove = 0.0
        for (x, y) in zip(a, b) {
            // ours: … A1(5) A1_FREQ OBS_CT BETA(8) SE(9) Z P FIRTH(12) ERRCODE(13); plink2: … FIRTH?(7) TEST OBS_CT BETA(10) SE(11) Z P ERRCODE(14)
            if x[12] == "Y" { firthOurs += 1 }
            if y[7] == "Y" { firthTheirs += 1 }
            if x[13] != y[14] { codes += 1 }
            guard x[5] == y[5], x[12] == "N", y[7] == "N", let b1 = Double(x[8]), let b2 = Double(y[10]),
                  let s1 = Double(x[9]), let s2 = Double(y[11]) else { continue }
            let db = abs(b1 - b2) / abs(b2), ds = abs(s1 - s2) / abs(s2)
            worst = (max(worst.beta, db), max(worst.se, ds), max(worst.betaInSE, abs(b1 - b2) / s2))
            if db > 1e-4 || ds > 1e-4 {
                above += 1
                largestAbove = max(largestAbove, abs(b2) / s2)
            }
            compared += 1
        }
        FitBenchmark.say(String(format: "compare  %d variants fitted by both without Firth: max relative difference BETA %.1e, SE %.1e; %d above 1e-4",
                                compared, worst.beta, worst.se, above))
        FitBenchmark.say(String(format: "compare  max |BETA difference| / SE %.1e%@", worst.betaInSE,
                                above > 0 ? String(format: "; the variants above 1e-4 all have |BETA| ≤ %.1e SE (plink2 computes in single precision)",
                                                   largestAbove.nextUp) : ""))
        FitBenchmark.say("compare  Firth fits: riskkit \(firthOurs), plink2 \(firthTheirs); ERRCODE differs on \(codes) variants")
    }
}
