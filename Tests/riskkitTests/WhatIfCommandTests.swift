import Foundation
import Testing

/// The what-if plan and clinician-readable output of `riskkit score`, end to end on the shipped demo model and
/// policy. Expected risks are computed here from the model file's coefficients with 1/(1+e^(−η)).
@Suite struct WhatIfCommandTests {
    let model = "Models/demo-cvd-model.json"
    /// DEMO-001 of Notebooks-data/patients.csv: a 58-year-old man who smokes, BMI 31.5, systolic 146 mm Hg,
    /// 60 minutes of activity and 16 drinks a week.
    let patient = [
        "age=58", "sex=M", "region=north", "smoker=1", "pack_years=30", "bmi=31.5", "systolic_bp=146",
        "diastolic_bp=92", "total_chol=232", "hdl_chol=38", "ldl_chol=160", "diabetes=0", "hba1c=5.9",
        "activity_min_week=60", "alcohol_drinks_week=16", "family_history_cvd=1", "on_bp_treatment=0",
    ]

    func score(_ extra: [String]) throws -> CLIRunner.Result {
        let result = try CLIRunner.run(["score", "--model", model] + patient.flatMap { ["--set", $0] } + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The model file's coefficient of each encoded column.
    func coefficients() throws -> [String: Double] {
        let file = try object(String(contentsOfFile: CLIRunner.packageRoot.path + "/" + model, encoding: .utf8))
        let list = try #require(file["coefficients"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as! String, $0["estimate"] as! Double) })
    }

    static func risk(_ eta: Double) -> Double { 1 / (1 + exp(-eta)) }

    @Test func jsonPlanFollowsTheModelsCoefficients() throws {
        let report = try object(score(["--format", "json"]).stdout)
        let beta = try coefficients()
        let eta = try #require(report["linear_predictor"] as? Double)
        let risk = try #require(report["risk"] as? Double)
        // Each factor to its policy target: smoker 1 → 0, systolic 146 → 120, activity 60 → 150, alcohol 16 → 14
        // (a man), BMI 31.5 → max(25, 28.35). LDL has a target but is no feature of the model: never in the plan.
        let shifts: [String: Double] = [
            "smoker": -beta["smoker"]!, "systolic_bp": beta["systolic_bp"]! * (120 - 146),
            "activity_min_week": beta["activity_min_week"]! * (150 - 60),
            "alcohol_drinks_week": beta["alcohol_drinks_week"]! * (14 - 16), "bmi": beta["bmi"]! * (31.5 * 0.9 - 31.5),
        ]
        let plan = try #require(report["what_if"] as? [[String: Any]])
        #expect(Set(plan.map { $0["factor"] as! String }) == Set(shifts.keys))
        for step in plan {
            let factor = step["factor"] as! String
            let expected = Self.risk(eta + shifts[factor]!)
            #expect(abs((step["risk"] as! Double) - expected) < 1e-12, "\(factor)")
            #expect(abs((step["absolute_reduction"] as! Double) - (risk - expected)) < 1e-12, "\(factor)")
            #expect(step["source"] is String && step["label"] is String && step["unit"] is String)
        }
        let reductions = plan.map { $0["absolute_reduction"] as! Double }
        #expect(reductions == reductions.sorted(by: >))
        let combined = try #require(report["what_if_combined"] as? [String: Any])
        let together = eta + shifts.values.reduce(0, +)
        #expect(abs((combined["risk"] as! Double) - Self.risk(together)) < 1e-12)
        #expect((report["what_if_note"] as? String)?.contains("not a causal effect") == true)
        #expect(report["what_if_imputed"] as? [String] == [])
        // Risk age: the age at which the plan's η equals today's; null with a reason outside the model's ages.
        if let riskAge = report["risk_age"] as? Double {
            #expect(abs(together + beta["age"]! * (riskAge - 58) - eta) < 1e-9)
        } else {
            #expect(report["risk_age_reason"] is String)
        }
    }

    @Test func singlePatientTableShowsThePlanWithUnits() throws {
        let out = try score([]).stdout
        #expect(out.contains("  What if (model-based estimates, not causal effects):\n"), "\(out)")
        #expect(out.contains("    stop smoking\n      smoker 1 → 0 (0/1): risk "))
        #expect(out.contains("      bmi 31.5 → 28.4 (kg/m2): risk "))
        #expect(out.contains("      systolic_bp 146 → 120 (mm Hg): risk "))
        #expect(out.contains(" percentage points\n"))
        #expect(out.contains("    All of these together: risk "))
        #expect(out.contains("    Risk age: "))
        #expect(out.contains("not a causal effect of making those changes.\n"))
        // A missing modifiable value (activity: optional in the model, so imputed) is named, not planned.
        let missing = try CLIRunner.run(["score", "--model", model]
                                        + patient.filter { !$0.hasPrefix("activity") }.flatMap { ["--set", $0] })
        #expect(missing.status == 0, "\(missing.stderr)")
        #expect(missing.stdout.contains("Not in the plan (value missing, imputed"), "\(missing.stdout)")
        #expect(missing.stdout.contains(": activity_min_week\n"))
        #expect(!missing.stdout.contains("      activity_min_week "))
    }

    @Test func contributionsAsOddsRatios() throws {
        let report = try object(score(["--format", "json"]).stdout)
        let contributions = try #require(report["contributions"] as? [[String: Any]])
        let first = contributions[0]["feature"] as! String, value = contributions[0]["value"] as! Double
        let table = try score(["--contributions", "odds-ratio"]).stdout
        #expect(table.contains("  Main factors (odds ratio against an average patient in the training data):\n"))
        let padded = first.padding(toLength: 24, withPad: " ", startingAt: 0)
        #expect(table.contains("    \(padded) ×\(String(format: "%.3f", exp(value)))  "), "\(table)")
        let csv = try score(["--format", "csv", "--contributions", "odds-ratio"]).stdout
        #expect(csv.hasPrefix("id,risk,percentile,band,top_factors_odds_ratio,recommendations,imputed,status,not_assessable_reason,model_checksum,policy_version,scored_at,recommendation_texts,extrapolated\n"))
        #expect(csv.contains(",\(first):\(String(format: "%.4f", exp(value)));"), "\(csv)")
        // The default stays log odds.
        let logOdds = try score(["--format", "csv"]).stdout
        #expect(logOdds.contains(",\(first):\(String(format: "%+.4f", value));"))
    }

    @Test func batchOutputShowsRecommendationTextsAndUnits() throws {
        let data = "Notebooks-data/patients.csv"
        let json = try CLIRunner.run(["score", "--model", model, "--data", data, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let first = try object(String(json.stdout.split(separator: "\n")[0]))
        let recommendations = try #require(first["recommendations"] as? [[String: Any]])
        let texts = recommendations.map { $0["text"] as! String }
        #expect(!texts.isEmpty)
        #expect(first["what_if"] is [Any] && first["risk_age"] != nil)
        // CSV: the codes column as before, and the texts, joined by " | ", before the last column (`extrapolated`).
        let csv = try CLIRunner.run(["score", "--model", model, "--data", data, "--format", "csv"]).stdout
        let lines = csv.split(separator: "\n")
        #expect(lines[0].hasSuffix(",recommendations,imputed,status,not_assessable_reason,model_checksum,policy_version,scored_at,recommendation_texts,extrapolated"))
        let extrapolated = try #require(first["extrapolated"] as? [String]).joined(separator: ";")
        #expect(lines[1].hasSuffix(",\"" + texts.joined(separator: " | ") + "\"," + extrapolated), "\(lines[1])")
        // Table: percentiles with their suffix, the contributions' unit, and each recommendation's text.
        let table = try CLIRunner.run(["score", "--model", model, "--data", data]).stdout
        #expect(table.contains("main factors (log-odds)"))
        let percentile = Int((first["percentile"] as! Double).rounded())
        #expect(table.contains(" \(percentile)th  ") || table.contains(" \(percentile)st  ")
                || table.contains(" \(percentile)nd  ") || table.contains(" \(percentile)rd  "))
        let code = recommendations[0]["rule"] as! String
        #expect(table.contains("\n    [\(code)] \(texts[0])"), "\(table)")
    }
}
