import Foundation
import Testing

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
}
