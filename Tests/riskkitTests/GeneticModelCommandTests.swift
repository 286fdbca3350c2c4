import Foundation
import Testing
@testable import RiskKit

/// `riskkit train/evaluate/score --bfile` on two synthetic cohorts against Fixtures/genetic-model-ref.tsv, made by
/// genetic-model-fixtures.sh: PLINK v2.00a3.5 `--export A` for the dosages, the polygenic score in R 4.2.2 at full
/// precision, `glm()` (epsilon 1e-14) for the models with and without it, pROC 1.18
/// `roc.test(method = "delong", paired = TRUE)` for the AUC gain, Wald and Woolf intervals by hand.
@Suite struct GeneticModelCommandTests {
    let fixtures = "Tests/RiskKitTests/Fixtures/"
    let excluded = "pack_years,years_since_quit,diastolic_bp,ldl_chol,hba1c,activity_min_week,alcohol_drinks_week,on_bp_treatment"

    func reference() throws -> [String: Double] {
        let text = try String(contentsOfFile: fixtures + "genetic-model-ref.tsv", encoding: .utf8)
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t")
            values[String(f[0])] = Double(f[1].trimmingCharacters(in: .whitespaces))!
        }
        return values
    }

    /// R's name of one of our coefficients (`sex=M` → `sexM`).
    func rName(_ name: String) -> String { name.replacingOccurrences(of: "=", with: "") }

    @Test func trainEvaluateAndScoreWithGenotypes() throws {
        let ref = try reference()
        let model = FileManager.default.temporaryDirectory.appendingPathComponent("genetic-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: model) }
        let train = try CLIRunner.run([
            "train", "--data", fixtures + "genetic-train.csv", "--outcome", "cvd_10y", "--id", "id", "--exclude", excluded,
            "--bfile", fixtures + "genetic-train", "--prs-weights", fixtures + "genetic-weights.txt", "--out", model,
        ])
        #expect(train.status == 0, "\(train.stderr)")
        let saved = try RiskModel.load(path: model)
        let genetics = try #require(saved.genetics)
        #expect(genetics.feature == "prs" && genetics.score.variants.count == 15)
        for c in saved.coefficients {
            let expected = try #require(ref["full:" + rName(c.name)], "\(c.name)")
            #expect(abs(c.estimate - expected) <= 1e-8 * Swift.max(abs(expected), 1), "full \(c.name)")
        }
        for (c, value) in zip(saved.coefficients, genetics.coefficientsWithoutScore) {
            let expected = ref["reduced:" + rName(c.name)] ?? 0
            #expect(abs(value - expected) <= 1e-8 * Swift.max(abs(expected), 1), "reduced \(c.name)")
        }
        for (ours, key) in [(genetics.oddsRatioPerSD.estimate, "train_or_per_sd"),
                            (genetics.oddsRatioPerSD.ciLow!, "train_or_per_sd_low"),
                            (genetics.oddsRatioPerSD.ciHigh!, "train_or_per_sd_high")] {
            #expect(abs(ours / ref[key]! - 1) < 1e-8, "\(key)")
        }

        let evaluate = try CLIRunner.run([
            "evaluate", "--model", model, "--data", fixtures + "genetic-test.csv", "--bfile", fixtures + "genetic-test",
            "--format", "json",
        ])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any])
        let g = try #require(json["genetics"] as? [String: Any])
        #expect(g["n"] as? Int == Int(ref["n"]!))
        #expect(abs((g["auc_with_prs"] as! Double) - ref["auc_with_prs"]!) < 1e-9)
        #expect(abs((g["auc_without_prs"] as! Double) - ref["auc_without_prs"]!) < 1e-9)
        #expect(abs((g["auc_gain_z"] as! Double) / ref["auc_gain_z"]! - 1) < 1e-8)
        #expect(abs((g["auc_gain_p"] as! Double) / ref["auc_gain_p"]! - 1) < 1e-8)
        for (key, prefix) in [("prs_or_per_sd", "prs_or_per_sd"), ("top_decile_or", "top_decile_or")] {
            let r = try #require(g[key] as? [String: Double])
            #expect(abs(r["estimate"]! / ref[prefix]! - 1) < 1e-8, "\(key)")
            #expect(abs(r["ci_low"]! / ref[prefix + "_low"]! - 1) < 1e-8, "\(key) low")
            #expect(abs(r["ci_high"]! / ref[prefix + "_high"]! - 1) < 1e-8, "\(key) high")
        }

        // Score: the genetic and non-genetic parts recombine to the risk; no genotypes → an error naming --bfile.
        let score = try CLIRunner.run([
            "score", "--model", model, "--data", fixtures + "genetic-test.csv", "--bfile", fixtures + "genetic-test",
            "--no-policy", "--format", "json",
        ])
        #expect(score.status == 0, "\(score.stderr)")
        for line in score.stdout.split(separator: "\n").prefix(20) {
            let patient = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let part = try #require(patient["genetics"] as? [String: Any])
            let risk = patient["risk"] as! Double, without = part["risk_without_genetics"] as! Double
            let logit = { (p: Double) in log(p / (1 - p)) }
            #expect(abs(logit(risk) - logit(without) - (part["log_odds"] as! Double)) < 1e-9)
            #expect((part["percentile"] as! Double) >= 0 && (part["percentile"] as! Double) <= 100)
        }
        let noGenotypes = try CLIRunner.run(["score", "--model", model, "--data", fixtures + "genetic-test.csv", "--no-policy"])
        #expect(noGenotypes.status == 65 && noGenotypes.stderr.contains("--bfile"))
    }
}
