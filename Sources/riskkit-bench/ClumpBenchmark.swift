import Foundation
import RiskKit

/// `riskkit-bench clump`: ``LDClumping`` in-process against `plink1.9 --clump` on the same fileset and p-values.
///
/// Options: `--samples N` (5000), `--variants M` (20000), `--spacing BP` (1000), `--dir DIR`
/// (`/tmp/riskkit-clump-bench`). The fileset is `plink2 --dummy N M 0.01 acgt --seed 5` (no LD, 1% missing) with
/// positions rewritten to chromosome 1 at `BP`·i, so each 250 kb window holds about 2·250000/BP variants; p-values
/// are seeded uniforms. Settings r² 0.1, 250 kb, p1 = p2 = 1: without LD every variant becomes an index and tests its
/// whole window, the worst case. Prints both wall times and whether the index lists agree. One run each.
enum ClumpBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchmarkArguments(arguments)
        let samples = options.integer("--samples", 5000), variants = options.integer("--variants", 20_000)
        let spacing = options.integer("--spacing", 1000)
        let dir = options.text("--dir") ?? "/tmp/riskkit-clump-bench"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let prefix = "\(dir)/dummy-\(samples)x\(variants)-\(spacing)"
        if !FileManager.default.fileExists(atPath: prefix + ".bed") {
            try PRSBenchmark.shell(["plink2", "--dummy", "\(samples)", "\(variants)", "0.01", "acgt", "--seed", "5",
                                    "--make-bed", "--out", prefix])
            var bim = ""
            for (i, line) in try String(contentsOfFile: prefix + ".bim", encoding: .utf8).split(separator: "\n").enumerated() {
                let f = line.split(separator: "\t")
                bim += "1\t\(f[1])\t0\t\(spacing * (i + 1))\t\(f[4])\t\(f[5])\n"
            }
            try bim.write(toFile: prefix + ".bim", atomically: true, encoding: .utf8)
        }
        let fileset = try PlinkFileset(prefix: prefix)
        var rng = SplitMix64(seed: 11)
        let associations = (0..<fileset.variantCount).map { VariantPValue(variant: $0, p: Double(String(format: "%.6g", rng.nextUniform()))!) }
        let assoc = prefix + ".assoc"
        try ("SNP P\n" + associations.map { "\(fileset.variants[$0.variant].id) \(String(format: "%.6g", $0.p))\n" }.joined())
            .write(toFile: assoc, atomically: true, encoding: .utf8)
        FitBenchmark.say("data     \(samples) samples × \(variants) variants, one per \(spacing) bp, no LD")
        let founders = GenotypeSelection.all(fileset).frequencySamples(in: fileset, nonfounders: false)
        var clumps: [LDClump] = []
        let start = Date()
        clumps = try LDClumping.clumps(fileset: fileset, samples: founders, associations: associations,
                                       options: ClumpingOptions())
        let ours = Date().timeIntervalSince(start)
        FitBenchmark.say(String(format: "riskkit  LDClumping.clumps: %.3f s, %d clumps", ours, clumps.count))
        let plinkStart = Date()
        try PRSBenchmark.shell(["plink1.9", "--bfile", prefix, "--clump", assoc, "--clump-r2", "0.1", "--clump-kb", "250",
                                "--clump-p1", "1", "--clump-p2", "1", "--out", "\(dir)/plink19"])
        let theirs = Date().timeIntervalSince(plinkStart)
        FitBenchmark.say(String(format: "plink1.9 --clump: %.3f s  (riskkit takes %.2f of plink1.9's time)", theirs, ours / theirs))
        let reference = try String(contentsOfFile: "\(dir)/plink19.clumped", encoding: .utf8).split(separator: "\n")
            .dropFirst().map { $0.split(separator: " ") }.filter { $0.count == 12 }.map { String($0[2]) }
        let same = reference == clumps.map { fileset.variants[$0.index].id }
        FitBenchmark.say("compare  index variants \(same ? "identical" : "DIFFER")")
    }
}
