import Foundation
import Testing
@testable import RiskKit

/// `riskkit pca` and `riskkit prune` end to end against plink2 v2.00a3.5's files on pca-small
/// (Tests/RiskKitTests/Fixtures/pca-fixtures.sh): the prune lists byte for byte, the eigenvalues and |eigenvectors|
/// to plink2's 6 printed digits; then the files feed `gwas --covar`, `prs build --covar` and
/// `prs build --ancestry-extract` unchanged.
@Suite struct PCACommandTests {
    let fixtures = "Tests/RiskKitTests/Fixtures/"

    func temporaryPrefix(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    }

    func remove(_ prefix: String, _ extensions: [String]) {
        for ext in extensions { try? FileManager.default.removeItem(atPath: prefix + ext) }
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func prunesAndComputesPCsAsPlink2() throws {
        let out = temporaryPrefix("pca")
        defer { remove(out, [".prune.in", ".prune.out", ".eigenvec", ".eigenval"]) }
        let run = try CLIRunner.run(["pca", "--bfile", fixtures + "pca-small", "--indep-pairwise", "50", "5", "0.2",
                                     "--pcs", "4", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("--indep-pairwise: 624 of 1201 variants removed"))
        #expect(run.stderr.contains("4 PCs from the exact relationship matrix over 577 variants"))
        #expect(try text(out + ".prune.in") == (try text(fixtures + "pca-ref-w50.prune.in")))
        #expect(try text(out + ".prune.out") == (try text(fixtures + "pca-ref-w50.prune.out")))
        let ours = try text(out + ".eigenval").split(separator: "\n").map { Double($0)! }
        let theirs = try text(fixtures + "pca-ref-exact.eigenval").split(separator: "\n").map { Double($0)! }
        #expect(ours.count == 4 && zip(ours, theirs).allSatisfy { abs($0 / $1 - 1) < 6e-6 })
        let vectors = try text(out + ".eigenvec").split(separator: "\n").map { $0.split(separator: "\t") }
        let reference = try text(fixtures + "pca-ref-exact.eigenvec").split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(vectors.first == ["#FID", "IID", "PC1", "PC2", "PC3", "PC4"] && vectors.count == reference.count)
        for (o, r) in zip(vectors.dropFirst(), reference.dropFirst()) {
            #expect(o[0...1] == r[0...1])
            for c in 2...5 {
                let a = abs(Double(o[c])!), b = abs(Double(r[c])!)
                #expect(abs(a - b) <= 6e-6 * b + 1e-12, "\(r[1]) \(vectors[0][c])")
            }
        }
    }

    @Test func pruneWritesPlink2sListsForAKilobaseWindow() throws {
        let out = temporaryPrefix("prune")
        defer { remove(out, [".prune.in", ".prune.out"]) }
        let run = try CLIRunner.run(["prune", "--bfile", fixtures + "pca-small", "--indep-pairwise", "20kb", "0.1", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try text(out + ".prune.in") == (try text(fixtures + "pca-ref-kb20.prune.in")))
        #expect(try text(out + ".prune.out") == (try text(fixtures + "pca-ref-kb20.prune.out")))
    }

    @Test(arguments: [["5", "10", "0.2"], ["20kb", "2", "0.2"], ["50", "5", "1"], ["50"]])
    func refusesWhatPlink2Refuses(indepPairwise: [String]) throws {
        let run = try CLIRunner.run(["prune", "--bfile", fixtures + "pca-small", "--indep-pairwise"] + indepPairwise
                                    + ["--out", temporaryPrefix("bad")])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--indep-pairwise"))
    }

    /// The .eigenvec is a PLINK 2 covariate file and the .prune.in a variant list: both go straight into gwas and
    /// prs build.
    @Test func outputsFeedGWASAndPRSBuild() throws {
        let out = temporaryPrefix("pca-gwas")
        defer { remove(out, [".prune.in", ".prune.out", ".eigenvec", ".eigenval", ".weights", ".prs.json"]) }
        let pca = try CLIRunner.run(["pca", "--bfile", fixtures + "gwas-small", "--indep-pairwise", "10", "2", "0.5",
                                     "--pcs", "2", "--out", out])
        #expect(pca.status == 0, "\(pca.stderr)")
        let gwas = try CLIRunner.run(["gwas", "--bfile", fixtures + "gwas-small", "--covar", out + ".eigenvec",
                                      "--covar-name", "PC1,PC2"])
        #expect(gwas.status == 0, "\(gwas.stderr)")
        #expect(gwas.stderr.contains("2 covariates: PC1, PC2"))
        #expect(gwas.stdout.split(separator: "\n").count == 49)
        let build = try CLIRunner.run([
            "prs", "build", "--method", "ct", "--bfile", fixtures + "gwas-small", "--assoc", fixtures + "gwas-ref-fam.glm",
            "--covar", out + ".eigenvec", "--validate", fixtures + "prs-build-validate.txt",
            "--ancestry-pcs", "2", "--ancestry-extract", out + ".prune.in", "--out", out,
        ])
        #expect(build.status == 0, "\(build.stderr)")
        let kept = try text(out + ".prune.in").split(separator: "\n").count
        #expect(build.stderr.contains("ancestry: \(kept) selected variants named in \(out).prune.in"))
        #expect(build.stderr.contains("2 covariates: PC1, PC2"))
    }

    /// The genetic-test cohort as plink2 exported it to VCF (vcf-fixtures.sh) gives the same pruned lists,
    /// eigenvalues and eigenvectors as its .bed; only the FID column differs (plink2's VCF import sets FID 0).
    @Test func vcfInputGivesTheFilesetsResult() throws {
        let (a, b) = (temporaryPrefix("pca-bed"), temporaryPrefix("pca-vcf"))
        defer { for p in [a, b] { remove(p, [".eigenvec", ".eigenval", ".prune.in", ".prune.out"]) } }
        let common = ["--indep-pairwise", "50", "5", "0.5", "--pcs", "3"]
        let bed = try CLIRunner.run(["pca", "--bfile", fixtures + "genetic-test"] + common + ["--out", a])
        let vcf = try CLIRunner.run(["pca", "--vcf", fixtures + "genetic-test.vcf.gz"] + common + ["--out", b])
        #expect(bed.status == 0 && vcf.status == 0, "\(bed.stderr)\n\(vcf.stderr)")
        #expect(try text(a + ".prune.in") == text(b + ".prune.in") && text(a + ".eigenval") == text(b + ".eigenval"))
        func withoutFID(_ path: String) throws -> [String] {
            try text(path).split(separator: "\n").map { $0.split(separator: "\t").dropFirst().joined(separator: "\t") }
        }
        #expect(try withoutFID(a + ".eigenvec") == withoutFID(b + ".eigenvec"))
        #expect(try CLIRunner.run(["pca", "--bfile", fixtures + "genetic-test", "--vcf", fixtures + "genetic-test.vcf.gz",
                                   "--out", b]).status == 64)
    }
}
