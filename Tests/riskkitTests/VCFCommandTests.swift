import Foundation
import Testing
@testable import RiskKit

/// `--vcf` on the commands, against the same data as a PLINK 1 fileset converted by plink2 v2.00a3.5
/// (`--vcf F --max-alleles 2 --vcf-half-call missing --make-bed`) and against plink2's own `--score` and `--freq` on
/// the VCF (Fixtures/vcf-fixtures.sh).
@Suite struct VCFCommandTests {
    let fixtures = "Tests/RiskKitTests/Fixtures/"

    func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    }

    @Test(arguments: ["vcf-small.vcf", "vcf-small.vcf.gz"])
    func freqEqualsFreqOnPlink2Conversion(vcf: String) throws {
        let ours = try CLIRunner.run(["freq", "--vcf", fixtures + vcf, "--vcf-half-call", "missing"])
        let bed = try CLIRunner.run(["freq", "--bfile", fixtures + "vcf-small-ref"])
        #expect(ours.status == 0 && bed.status == 0, "\(ours.stderr)")
        #expect(ours.stdout == bed.stdout)
        #expect(ours.stderr.contains("1 multi-allelic variants skipped"))
        #expect(ours.stderr.contains("6 half calls read as --vcf-half-call missing"))
        // plink2 --freq on the VCF: #CHROM ID REF ALT ALT_FREQS OBS_CT.
        let reference = rows(try String(contentsOfFile: fixtures + "vcf-small-ref.afreq", encoding: .utf8))
        let table = rows(ours.stdout)
        try #require(table.count == reference.count)
        for (o, r) in zip(table.dropFirst(), reference.dropFirst()) { #expect(Array(o[0...5]) == r) }
    }

    @Test func freqFiltersApplyAsOnBed() throws {
        let args = ["--geno", "0.2", "--maf", "0.4"]
        let ours = try CLIRunner.run(["freq", "--vcf", fixtures + "vcf-small.vcf", "--vcf-half-call", "missing"] + args)
        let bed = try CLIRunner.run(["freq", "--bfile", fixtures + "vcf-small-ref"] + args)
        #expect(ours.status == 0 && ours.stdout == bed.stdout, "\(ours.stderr)")
    }

    @Test func prsScoreEqualsPlink2Score() throws {
        let ours = try CLIRunner.run(["prs", "score", "--vcf", fixtures + "vcf-small.vcf.gz", "--vcf-half-call", "missing",
                                      "--weights", fixtures + "vcf-small-weights.txt"])
        let bed = try CLIRunner.run(["prs", "score", "--bfile", fixtures + "vcf-small-ref", "--weights", fixtures + "vcf-small-weights.txt"])
        #expect(ours.status == 0 && bed.status == 0, "\(ours.stderr)")
        #expect(ours.stdout == bed.stdout)
        // plink2 --score on the VCF: #IID ALLELE_CT NAMED_ALLELE_DOSAGE_SUM SCORE1_AVG SCORE1_SUM (6 digits).
        let reference = rows(try String(contentsOfFile: fixtures + "vcf-small-ref.sscore", encoding: .utf8))
        let table = rows(ours.stdout)
        try #require(table.count == 13 && reference.count == 13)
        for (o, r) in zip(table.dropFirst(), reference.dropFirst()) { #expect(o == r) }
    }

    @Test func halfCallsAreRefusedByDefaultLikePlink2() throws {
        let run = try CLIRunner.run(["freq", "--vcf", fixtures + "vcf-small.vcf"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("vcf-small.vcf:8:") && run.stderr.contains("--vcf-half-call"), "\(run.stderr)")
    }

    @Test(arguments: [["freq"], ["prs", "score", "--weights", "w.txt"]])
    func needsExactlyOneGenotypeSource(command: [String]) throws {
        let both = try CLIRunner.run(command + ["--bfile", fixtures + "vcf-small-ref", "--vcf", fixtures + "vcf-small.vcf"])
        #expect(both.status == 64 && both.stderr.contains("not both"), "\(both.stderr)")
        let neither = try CLIRunner.run(command)
        #expect(neither.status == 64 && neither.stderr.contains("--bfile PREFIX or --vcf FILE"), "\(neither.stderr)")
    }

    /// train, evaluate and score on the genetic-model cohorts exported by plink2 (`--export vcf bgz id-paste=iid`):
    /// the same risk model and the same reports as with `--bfile`, which GeneticModelCommandTests checks against R.
    @Test func trainEvaluateAndScoreEqualBed() throws {
        let excluded = "pack_years,years_since_quit,diastolic_bp,ldl_chol,hba1c,activity_min_week,alcohol_drinks_week,on_bp_treatment"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vcf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var models: [String: String] = [:]
        for (flag, train, test) in [("--bfile", "genetic-train", "genetic-test"), ("--vcf", "genetic-train.vcf.gz", "genetic-test.vcf.gz")] {
            let model = folder + "/model\(flag).json"
            let run = try CLIRunner.run([
                "train", "--data", fixtures + "genetic-train.csv", "--outcome", "cvd_10y", "--id", "id", "--exclude", excluded,
                flag, fixtures + train, "--prs-weights", fixtures + "genetic-weights.txt", "--out", model,
            ])
            #expect(run.status == 0, "\(run.stderr)")
            models[flag] = model
            let evaluate = try CLIRunner.run(["evaluate", "--model", model, "--data", fixtures + "genetic-test.csv", flag, fixtures + test, "--format", "json"])
            let score = try CLIRunner.run(["score", "--model", model, "--data", fixtures + "genetic-test.csv", flag, fixtures + test, "--no-policy", "--format", "json"])
            #expect(evaluate.status == 0 && score.status == 0, "\(evaluate.stderr) \(score.stderr)")
            models[flag + " evaluate"] = evaluate.stdout
            models[flag + " score"] = score.stdout
        }
        let bed = try RiskKit.RiskModel.load(path: models["--bfile"]!), vcf = try RiskKit.RiskModel.load(path: models["--vcf"]!)
        #expect(bed.coefficients.map(\.estimate) == vcf.coefficients.map(\.estimate))
        #expect(bed.genetics?.score.variants.count == 15 && vcf.genetics?.score.variants.count == 15)
        // The provenance names the VCF instead of the .bed/.bim.
        #expect(vcf.genetics?.score.provenance.inputs["vcf"] != nil)
        #expect(models["--bfile evaluate"] == models["--vcf evaluate"])
        // The model checksums differ (the provenance does); all else is equal.
        let checksum = /"model_checksum":"sha256:[0-9a-f]+"/
        #expect(models["--bfile score"]!.replacing(checksum, with: "") == models["--vcf score"]!.replacing(checksum, with: ""))
        #expect(models["--vcf score"]!.split(separator: "\n").count == 700)
    }
}
