import Foundation
import Testing
import RiskKitTestSupport

/// `riskkit prs score` on the plink-tiny fixture against PLINK v2.00a3.5 AVX2 (9 Aug 2022) `.sscore` files, made in
/// Tests/RiskKitTests/Fixtures with
///
///     plink2 --bfile plink-tiny --score prs-weights.txt 1 2 3 header cols=+scoresums --bad-freqs --out ref
///     plink2 --bfile plink-tiny --score prs-weights.txt 1 2 3 header cols=+scoresums no-mean-imputation --out nomean
///
/// (prs-ref.sscore, prs-ref-nomean.sscore; columns #FID IID PHENO1 ALLELE_CT NAMED_ALLELE_DOSAGE_SUM SCORE1_AVG SCORE1_SUM).
@Suite struct PRSCommandTests {
    let bfile = "Tests/RiskKitTests/Fixtures/plink-tiny"
    let weights = "Tests/RiskKitTests/Fixtures/prs-weights.txt"

    func fields(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    }

    /// Both sides are rounded to 6 significant digits: within one unit of the 6th digit.
    func close(_ ours: String, _ theirs: String) -> Bool {
        guard let a = Double(ours), let b = Double(theirs) else { return false }
        return matchesPrinted(a, b, units: 1)
    }

    /// Our rows (#IID ALLELE_CT NAMED_ALLELE_DOSAGE_SUM SCORE_AVG SCORE_SUM) against plink2's.
    func expectMatches(_ stdout: String, reference name: String) throws {
        let ours = fields(stdout)
        #expect(ours.first == ["#IID", "ALLELE_CT", "NAMED_ALLELE_DOSAGE_SUM", "SCORE_AVG", "SCORE_SUM"])
        let theirs = fields(try String(contentsOfFile: CLIRunner.packageRoot.path + "/Tests/RiskKitTests/Fixtures/" + name, encoding: .utf8))
        #expect(ours.count == 24 && theirs.count == 24)
        for (a, b) in zip(ours.dropFirst(), theirs.dropFirst()) {
            #expect(a[0] == b[1] && a[1] == b[3], "\(a) vs \(b)")
            #expect(close(a[2], b[4]) && close(a[3], b[5]) && close(a[4], b[6]), "\(a) vs \(b)")
        }
    }

    @Test func meanImputedScoresMatchPlink2() throws {
        let r = try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("11 weights (plink): 4 matched, 5 allele_swapped, 2 absent"))
        try expectMatches(r.stdout, reference: "prs-ref.sscore")
    }

    /// Header names for --score-columns; --out writes owner-only scores and the match report beside them.
    @Test func noMeanImputationToFileWithMatchReport() throws {
        let folder = try temporaryFolder()
        let out = folder + "/scores.tsv"
        let r = try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights, "--score-columns", "ID,A1,BETA",
                                   "--no-mean-imputation", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        try expectMatches(try String(contentsOfFile: out, encoding: .utf8), reference: "prs-ref-nomean.sscore")
        let permissions = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let report = fields(try String(contentsOfFile: out + ".match.tsv", encoding: .utf8))
        #expect(report.contains(["## matched", "4"]) && report.contains(["## allele_swapped", "5"]) && report.contains(["## absent", "2"]))
        #expect(report.contains(["#LINE", "ID", "CHROM:POS", "EFFECT_ALLELE", "STATUS"]))
        #expect(report.contains(["2", "rs1000", "1:10000", "A", "matched"]))
        #expect(report.contains(["3", "rs1001", "1:10137", "C", "allele_swapped"]))
        #expect(report.contains(["9", "rs9999", ".", "A", "absent"]))
        #expect(report.contains(["10", "rs1018", ".", "T", "absent"]))
        #expect(report.first == ["## weight_type", "weight type beta (PLINK-style file): weights summed as they are"])
        #expect(report.count == 1 + 6 + 1 + 11)
    }

    @Test func jsonHasFullPrecision() throws {
        let r = try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights, "--no-mean-imputation", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 23)
        // S21 (plink2: ALLELE_CT 16, SUM 2.675, AVG 0.167188): 2.675 / 16 = 0.1671875 exactly.
        let s21 = try #require(rows.first { $0["iid"] as? String == "S21" })
        #expect(s21["fid"] as? String == "F7")
        #expect(s21["allele_ct"] as? Int == 16)
        #expect(abs((s21["score_sum"] as? Double ?? 0) - 2.675) < 1e-12)
        #expect(abs((s21["score_avg"] as? Double ?? 0) - 0.1671875) < 1e-12)
    }

    /// 9 of 11 weights match: --min-overlap 0.9 fails with exit 65, naming the fraction and counts, and writes no scores.
    @Test func lowOverlapIsExit65() throws {
        let folder = try temporaryFolder()
        let out = folder + "/scores.tsv"
        let r = try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights, "--min-overlap", "0.9", "--out", out])
        #expect(r.status == 65)
        #expect(r.stderr.contains("9 of 11 weights (81.8 %)"), "\(r.stderr)")
        #expect(r.stderr.contains("4 matched, 5 allele_swapped, 2 absent"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(FileManager.default.fileExists(atPath: out + ".match.tsv"))
    }

    @Test func badArgumentsAreUsageErrors() throws {
        #expect(try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights, "--min-overlap", "1.5"]).status == 64)
        #expect(try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights, "--score-columns", "1,2"]).status == 64)
        #expect(try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", "/nonexistent/w.txt"]).status == 66)
    }
}
