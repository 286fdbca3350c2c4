import Foundation
import Testing
@testable import RiskKit

/// `riskkit prs build --method ct` on gwas-small against the pipeline of Fixtures/prs-build-fixtures.sh: PLINK
/// v1.90b6.26 `--clump` of the plink2 `--glm` results, PLINK v2.00a3.5 `--score` of the 200 validation samples per
/// threshold, and R 4.2.2 `glm()` + pROC 1.18 for the AUC, the Nagelkerke R² difference, the OR per SD and its p
/// (prs-build-ref.tsv). plink2 prints scores and we print the report to 6 significant digits: R², OR and p agree to
/// 2e-5 relative, the AUC to 1e-6.
@Suite struct PRSBuildCommandTests {
    let fixtures = "Tests/RiskKitTests/Fixtures/"

    func table(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// With `--ld-ref` naming the same genotypes (a separate fileset as far as the command knows), LD comes from
    /// the reference and the report is the same.
    @Test(arguments: [false, true])
    func clumpingAndThresholdingMatchesPlinkAndR(ldReference: Bool) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("prs-build-\(UUID().uuidString)").path
        defer { for ext in [".weights", ".prs.json"] { try? FileManager.default.removeItem(atPath: out + ext) } }
        let run = try CLIRunner.run([
            "prs", "build", "--method", "ct", "--bfile", fixtures + "gwas-small", "--assoc", fixtures + "gwas-ref-fam.glm",
            "--covar", fixtures + "gwas-small.covar", "--validate", fixtures + "prs-build-validate.txt",
            "--out", out, "--format", "tsv",
        ] + (ldReference ? ["--ld-ref", fixtures + "gwas-small"] : []))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("LD reference: 400 samples") == ldReference)
        let ours = table(run.stdout)
        let reference = table(try String(contentsOfFile: fixtures + "prs-build-ref.tsv", encoding: .utf8))
        #expect(ours[0] == ["THRESHOLD", "VARIANTS", "AUC", "R2", "OR_PER_SD", "P", "CHOSEN"])
        try #require(ours.count == reference.count)
        for (o, r) in zip(ours.dropFirst(), reference.dropFirst()) {
            #expect(Double(o[0]) == Double(r[0]) && o[1] == r[1], "\(o) vs \(r)")
            guard r[2] != "NA" else {
                #expect(o[2...5].allSatisfy { $0 == "NA" })
                continue
            }
            let values = o[2...5].map { Double($0)! }, expected = r[2...5].map { Double($0)! }
            #expect(abs(values[0] - expected[0]) < 1e-6, "AUC (printed to 6 digits) at \(r[0])")
            for k in 1...3 { #expect(abs(values[k] / expected[k] - 1) < 2e-5, "\(ours[0][k + 2]) at \(r[0])") }
        }
        // The largest R² is at p ≤ 1 (R's table), and only that line is marked.
        #expect(ours.dropFirst().map { $0[6] } == ["", "", "", "", "", "", "", "*"])
        #expect(run.stderr.contains("chosen threshold p ≤ 1.0 (45 variants)"))

        // The weight file scores the validation samples as plink2 did (prs-build-ref.sscore: 6 significant digits).
        let weights = try ScoreWeights.read(path: out + ".weights")
        #expect(weights.entries.count == 45)
        let model = try PolygenicScoreModel.load(path: out + ".prs.json")
        #expect(model.variants.count == 45 && model.method == "ct" && model.reference.distribution.count == 200)
        let fileset = try PlinkFileset(prefix: fixtures + "gwas-small")
        let validation = SampleSubset(indices: Array(stride(from: 1, to: 400, by: 2)), of: 400)
        let scores = model.score(fileset: fileset, samples: validation)
        #expect(scores.matched == 45 && scores.unavailable == 0)
        let sscore = table(try String(contentsOfFile: fixtures + "prs-build-ref.sscore", encoding: .utf8)).dropFirst()
        for (ours, plink) in zip(scores.raw, sscore) {
            let expected = Double(plink[6])!
            #expect(abs(ours - expected) <= 5e-6 * Swift.max(1, abs(expected)), "\(plink[1])")
        }
        // Reference distribution: the same 200 scores.
        let mean = sscore.map { Double($0[6])! }.reduce(0, +) / 200
        #expect(abs(model.reference.mean - mean) < 1e-5)
    }

    /// With --ancestry-pcs, scoring the reference (validation) samples again gives Z_NORM1 with mean 0 and SD 1
    /// exactly (OLS residuals over the reference, divided by their SD with divisor n, as pgsc_calc), their
    /// percentiles spread over 0–100, and no sample outside its own PC cloud at p < 1e-3 beyond chance.
    @Test func ancestryAdjustedScoresOfTheReferenceSamples() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("prs-anc-\(UUID().uuidString)").path
        defer { for ext in [".weights", ".prs.json", ".pca-ids"] { try? FileManager.default.removeItem(atPath: out + ext) } }
        // The PCA on 40 of the 48 variants (rs2000…rs2039), named in a list.
        try (0..<40).map { "rs\(2000 + $0)" }.joined(separator: "\n").write(toFile: out + ".pca-ids", atomically: true, encoding: .utf8)
        let build = try CLIRunner.run([
            "prs", "build", "--method", "ct", "--bfile", fixtures + "gwas-small", "--assoc", fixtures + "gwas-ref-fam.glm",
            "--validate", fixtures + "prs-build-validate.txt", "--ancestry-pcs", "2", "--ancestry-extract", out + ".pca-ids",
            "--out", out, "--format", "json",
        ])
        #expect(build.status == 0, "\(build.stderr)")
        let pca = try #require(try PolygenicScoreModel.load(path: out + ".prs.json").ancestry?.pca)
        #expect(pca.variants.count + pca.excludedVariantCount == 40 && pca.componentCount == 2)
        let score = try CLIRunner.run([
            "prs", "score", "--model", out + ".prs.json", "--bfile", fixtures + "gwas-small",
            "--keep", fixtures + "prs-build-validate.txt", "--format", "json",
        ])
        #expect(score.status == 0, "\(score.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 200)
        let z = rows.map { $0["z_norm1"] as! Double }
        let mean = z.reduce(0, +) / 200
        let sd = (z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 200).squareRoot()
        #expect(abs(mean) < 1e-12 && abs(sd - 1) < 1e-12)
        #expect(Set(rows[0].keys).isSuperset(of: ["iid", "score", "percentile", "pc1", "pc2", "z_norm2", "outside_reference"]))
        #expect(rows.filter { $0["outside_reference"] as! Bool }.count <= 3)
    }

    /// `--method lasso` end to end on the glmnet-checked lasso-small fixture (lasso-validate.txt: every 4th sample
    /// with a phenotype, held out): the weight file lists the model's variants, and the reported held-out AUC equals
    /// the Mann–Whitney count over all case/control pairs of the model's scores, done here by brute force.
    @Test func lassoHoldsOutTheValidationSamples() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("prs-lasso-\(UUID().uuidString)").path
        defer { for ext in [".weights", ".prs.json"] { try? FileManager.default.removeItem(atPath: out + ext) } }
        let run = try CLIRunner.run([
            "prs", "build", "--method", "lasso", "--bfile", fixtures + "lasso-small", "--covar", fixtures + "lasso-small.covar",
            "--validate", fixtures + "lasso-validate.txt", "--out", out, "--format", "tsv",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let path = table(run.stdout)
        #expect(path[0] == ["LAMBDA", "NONZERO", "CV_DEVIANCE", "CV_DEVIANCE_SE", "CV_AUC", "CHOSEN"])
        #expect(path.filter { $0.last == "*" }.count == 1)
        let model = try PolygenicScoreModel.load(path: out + ".prs.json")
        let summary = try #require(model.penalized)
        #expect(model.method == "lasso" && summary.alpha == 1 && summary.covariates == ["AGE", "BMI"])
        #expect(summary.trainingSamples + summary.validationSamples! == 300)
        let weights = try ScoreWeights.read(path: out + ".weights")
        #expect(weights.entries.map(\.id) == model.variants.map(\.id) && !weights.entries.isEmpty)

        let fileset = try PlinkFileset(prefix: fixtures + "lasso-small")
        let ids = Set(try String(contentsOfFile: fixtures + "lasso-validate.txt", encoding: .utf8)
            .split(separator: "\n").map { String($0.split(separator: " ")[1]) })
        let held = fileset.samples.indices.filter { ids.contains(fileset.samples[$0].individualID) }
        let scores = model.score(fileset: fileset, samples: SampleSubset(indices: held, of: fileset.sampleCount)).raw
        let cases = zip(held, scores).filter { fileset.samples[$0.0].phenotype == "2" }.map(\.1)
        let controls = zip(held, scores).filter { fileset.samples[$0.0].phenotype == "1" }.map(\.1)
        var wins = 0.0
        for c in cases { for d in controls { wins += c > d ? 1 : (c == d ? 0.5 : 0) } }
        #expect(abs(summary.validationAUC! - wins / Double(cases.count * controls.count)) < 1e-12)
    }

    @Test func badInputsGiveClearErrors() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("prs-build-bad").path
        let wrongThreshold = try CLIRunner.run([
            "prs", "build", "--method", "ct", "--bfile", fixtures + "gwas-small", "--assoc", fixtures + "gwas-ref-fam.glm",
            "--thresholds", "0.1,2", "--out", out,
        ])
        #expect(wrongThreshold.status == 64 && wrongThreshold.stderr.contains("--thresholds"))
        let notAssociations = try CLIRunner.run([
            "prs", "build", "--method", "ct", "--bfile", fixtures + "gwas-small", "--assoc", fixtures + "gwas-small.covar",
            "--out", out,
        ])
        #expect(notAssociations.status == 65 && notAssociations.stderr.contains("no variant id column"))
        #expect(!FileManager.default.fileExists(atPath: out + ".weights"))
    }
}
