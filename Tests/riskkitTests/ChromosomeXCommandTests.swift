import Foundation
import Testing

/// Chromosome X with haploid males, against PLINK v2.00a3.5 on Fixtures/xhap (Fixtures/xhap-fixtures.sh): 20 males
/// and 20 females, heterozygous male calls kept. plink2 counts a male X call as one allele (a heterozygous one as
/// half an ALT) in `--freq` and `--maf`, and imputes `--score`'s missing calls from those frequencies.
@Suite struct ChromosomeXCommandTests {
    let fixtures = "Tests/RiskKitTests/Fixtures/"

    func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    }

    @Test func freqCountsMalesOnce() throws {
        let run = try CLIRunner.run(["freq", "--bfile", fixtures + "xhap"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("warning"))
        let reference = rows(try String(contentsOfFile: fixtures + "xhap-ref.afreq", encoding: .utf8))
        let ours = rows(run.stdout)
        try #require(ours.count == reference.count)
        for (o, r) in zip(ours.dropFirst(), reference.dropFirst()) {
            #expect(Array(o[0...5]) == r, "\(o[1])")
        }
    }

    @Test func mafUsesTheSameFrequencies() throws {
        let run = try CLIRunner.run(["freq", "--bfile", fixtures + "xhap", "--maf", "0.42"])
        #expect(run.status == 0, "\(run.stderr)")
        let kept = rows(run.stdout).dropFirst().map { $0[1] }
        let reference = try String(contentsOfFile: fixtures + "xhap-ref-maf.snplist", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(kept == reference)
    }

    @Test func scoreImputesFromHaploidAwareFrequencies() throws {
        let run = try CLIRunner.run(["prs", "score", "--bfile", fixtures + "xhap", "--weights", fixtures + "xhap-weights.txt"])
        #expect(run.status == 0, "\(run.stderr)")
        let reference = rows(try String(contentsOfFile: fixtures + "xhap-ref.sscore", encoding: .utf8)).dropFirst()
        let ours = rows(run.stdout).dropFirst()
        try #require(ours.count == 40 && reference.count == 40)
        // plink2 columns: #FID IID PHENO1 ALLELE_CT NAMED_ALLELE_DOSAGE_SUM SCORE1_AVG SCORE1_SUM (6 digits).
        for (o, r) in zip(ours, reference) {
            #expect(o == [r[1], r[3], r[4], r[5], r[6]], "\(r[1])")
        }
    }
}
