import Foundation
import Testing
import RiskKitTestSupport

/// Weight types and genome builds of PGS Catalog files (`prs score --weights`), on plink-tiny with the files of
/// Tests/RiskKitTests/Fixtures/weights-builds-gen.py: the weights of prs-weights.txt as odds ratios, with GRCh37
/// and harmonized GRCh38 positions, or with positions only. Reference: PLINK v2.00a3.5 `--score` on the same betas
/// in PLINK style (weights-builds-ref.sscore, command in the script).
@Suite struct PRSWeightFileCommandTests {
    let bfile = "Tests/RiskKitTests/Fixtures/plink-tiny"
    func weights(_ name: String) -> String { "Tests/RiskKitTests/Fixtures/weights-\(name).txt" }

    /// Our SCORE_SUM per sample against plink2's, to its 6 printed digits.
    func expectPlink2Sums(_ stdout: String) throws {
        let ours = stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t") }
        let theirs = try String(contentsOfFile: CLIRunner.packageRoot.path + "/Tests/RiskKitTests/Fixtures/weights-builds-ref.sscore",
                                encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: "\t") }
        #expect(ours.count == 23 && theirs.count == 23)
        for (a, b) in zip(ours, theirs) {
            #expect(a[0] == b[1] && a[1] == b[3], "\(a) vs \(b)")
            #expect(matchesPrinted(try #require(Double(String(a[4]))), try #require(Double(String(b[6]))), units: 1), "\(a) vs \(b)")
        }
    }

    /// `#weight_type=OR`: the odds ratios are summed as ln(OR), which gives plink2's scores on the betas; the
    /// fileset's build is inferred from the rsIDs' harmonized positions and those are used.
    @Test func oddsRatiosAreSummedAsTheirLogarithms() throws {
        let r = try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights("or"), "--keep-ambiguous"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("weight type OR (as the header says): weights converted to ln(OR) before summing"))
        #expect(r.stderr.contains("fileset GRCh38 (inferred: 10 of 10 variants found by id sit at the weight file's hm_pos); matched by positions from hm_chr/hm_pos"))
        try expectPlink2Sums(r.stdout)
    }

    /// `#weight_type=NR` is refused (exit 65, naming the file and the flag), and `--weight-type OR` says what it is.
    @Test func unreportedWeightTypeNeedsTheFlag() throws {
        let refused = try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights("nr")])
        #expect(refused.status == 65 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("weights-nr.txt: the header has `#weight_type=NR`") && refused.stderr.contains("--weight-type"))
        let given = try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights("nr"), "--weight-type", "OR",
                                       "--keep-ambiguous"])
        #expect(given.status == 0 && given.stderr.contains("weight type OR (given; the header says `NR`)"), "\(given.stderr)")
        try expectPlink2Sums(given.stdout)
        #expect(try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights("nr"), "--weight-type", "odds"]).status == 64)
        let plinkStyle = try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", "Tests/RiskKitTests/Fixtures/prs-weights.txt",
                                            "--weight-type", "log(OR)"])
        #expect(plinkStyle.status == 0 && plinkStyle.stderr.contains("weight type log(OR) (given): weights summed as they are"))
    }

    /// Positions only, GRCh37, against genotypes said to be GRCh38: refused (exit 65) rather than matched across
    /// builds; without --build the match goes ahead with a warning (and here finds nothing).
    @Test func matchingByPositionAcrossBuildsIsRefused() throws {
        let refused = try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights("pos37"), "--build", "GRCh38"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("weights-pos37.txt:8: 11 weights can only be matched by position, and the file's positions are in GRCh37 while the genotypes are in GRCh38"),
                "\(refused.stderr)")
        let unchecked = try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights("pos37")])
        #expect(unchecked.stderr.contains("warning: the genotypes' genome build is unknown, so weights without a known id are matched by positions that are in GRCh37 without a check"))
    }

    /// Positions in the genotypes' build are matched (no warning with --build), giving plink2's scores; the match
    /// report's `##` lines say what was done.
    @Test func positionsInTheSameBuildMatch() throws {
        let out = try temporaryFolder() + "/s.tsv"
        let r = try CLIRunner.run(["prs", "score", "--bfile", bfile, "--weights", weights("pos38"), "--build", "GRCh38",
                                   "--keep-ambiguous", "--out", out])
        #expect(r.status == 0 && !r.stderr.contains("warning"), "\(r.stderr)")
        let summary = "genome build: weights GRCh38; fileset GRCh38 (given); matched by positions from chr_name/chr_position"
        #expect(r.stderr.contains(summary))
        try expectPlink2Sums(try String(contentsOfFile: out, encoding: .utf8))
        let report = try String(contentsOfFile: out + ".match.tsv", encoding: .utf8)
        #expect(report.hasPrefix("## weight_type\tweight type beta (as the header says): weights summed as they are\n## genome_build\t\(summary)\n"))
    }
}
