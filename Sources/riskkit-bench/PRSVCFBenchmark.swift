import Foundation
import RiskKit

/// `riskkit-bench prs-vcf`: `riskkit prs score --vcf` against `plink2 --vcf … --score` on the same bgzipped VCF and
/// weights, in one run.
///
/// Options: `--samples N` (10000), `--variants M` (100000), `--threads T` (2, for plink2; riskkit uses both cores
/// as it does by default), `--dir DIR` (`/tmp/riskkit-prs-bench`; made once and reused). The VCF is
/// `plink2 --dummy N M 0.01 acgt --seed 5` (the fileset of `riskkit-bench prs`) exported with
/// `plink2 --export vcf bgz id-paste=iid`; the weights are those of `riskkit-bench prs`. Times are the best of 3;
/// the two outputs are compared.
enum PRSVCFBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchmarkArguments(arguments)
        let samples = options.integer("--samples", 10_000), variants = options.integer("--variants", 100_000)
        let threads = options.integer("--threads", 2)
        let dir = options.text("--dir") ?? "/tmp/riskkit-prs-bench"
        let (prefix, weights) = try PRSBenchmark.makeData(samples: samples, variants: variants, threads: threads, dir: dir)
        let vcf = prefix + ".vcf.gz"
        if !FileManager.default.fileExists(atPath: vcf) {
            try PRSBenchmark.shell(["plink2", "--bfile", prefix, "--export", "vcf", "bgz", "id-paste=iid", "--threads", "\(threads)",
                                    "--out", prefix])
        }
        let size = (try FileManager.default.attributesOfItem(atPath: vcf)[.size] as? NSNumber)?.doubleValue ?? 0
        FitBenchmark.say(String(format: "data     %d samples × %d variants, bgzipped VCF %.0f MB", samples, variants, size / 1e6))
        let riskkit = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("riskkit").path
        let ours = try PRSBenchmark.best {
            try PRSBenchmark.shell([riskkit, "prs", "score", "--vcf", vcf, "--weights", weights, "--threads", "\(threads)",
                                    "--out", "\(dir)/riskkit-vcf.sscore"])
        }
        FitBenchmark.say(String(format: "riskkit  prs score --vcf: %.3f s", ours))
        let theirs = try PRSBenchmark.best {
            try PRSBenchmark.shell(["plink2", "--vcf", vcf, "--score", weights, "1", "2", "3", "header", "cols=+scoresums",
                                    "--threads", "\(threads)", "--out", "\(dir)/plink2-vcf"])
        }
        FitBenchmark.say(String(format: "plink2   --vcf … --score, %d threads: %.3f s  (riskkit takes %.2f of plink2's time)", threads, theirs, ours / theirs))
        let same = try PRSBenchmark.sameScores(riskkit: "\(dir)/riskkit-vcf.sscore", plink2: "\(dir)/plink2-vcf.sscore", plink2HasFID: false)
        FitBenchmark.say("compare  outputs \(same ? "identical" : "DIFFER") (IID, ALLELE_CT, NAMED_ALLELE_DOSAGE_SUM, SCORE_AVG, SCORE_SUM)")
    }
}
