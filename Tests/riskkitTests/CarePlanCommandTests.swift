import Foundation
import RiskKitTestSupport
import Testing

/// `score` with several models (a care plan across conditions) and screening due dates, end to end on the shipped
/// demo models and policies.
@Suite struct CarePlanCommandTests {
    static let models = ["--model", "Models/demo-cvd-model.json", "--policy", "Models/default-policy.json",
                         "--model", "Models/demo-t2d-model.json", "--policy", "Models/t2d-policy.json",
                         "--model", "Models/demo-breast-model.json", "--policy", "Models/breast-policy.json"]

    /// The woman of the library's CarePlanTests: 45, BRCA1 and Lynch carrier, prediabetes range, BMI 31.
    static let patient: [(String, String)] = [
        ("sex", "F"), ("age", "45"), ("region", "north"), ("smoker", "0"), ("bmi", "31"), ("systolic_bp", "128"),
        ("diastolic_bp", "78"), ("total_chol", "210"), ("hdl_chol", "55"), ("ldl_chol", "120"), ("diabetes", "0"),
        ("hba1c", "5.9"), ("fasting_glucose", "105"), ("activity_min_week", "90"), ("alcohol_drinks_week", "3"),
        ("family_history_cvd", "0"), ("on_bp_treatment", "0"), ("pack_years", "0"), ("family_history_diabetes", "1"),
        ("family_history_breast", "1"), ("parity", "2"), ("breast_density", "c"), ("brca1", "1"), ("brca2", "0"),
        ("lynch", "1"), ("last_mammogram", "2025-11-15"), ("last_colonoscopy", "2024-01-31"),
        ("last_hba1c_test", "2023-12-04"), ("last_lipid_panel", "2020-01-01"),
    ]

    static func set(_ fields: [(String, String)]) -> [String] { fields.flatMap { ["--set", "\($0)=\($1)"] } }

    static func json(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func threeConditionPlanAsJSON() throws {
        let result = try CLIRunner.run(["score"] + Self.models + Self.set(Self.patient) + ["--as-of", "2026-12-03", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try #require(try Self.json(result.stdout).first)
        let conditions = try #require(plan["conditions"] as? [[String: Any]])
        #expect(conditions.map { $0["model"] as? String } == ["demo-cvd-model", "demo-t2d-model", "demo-breast-model"])
        // The breast model is not for BRCA1 carriers: no risk, no band, the carrier pathway all the same.
        #expect(conditions.map { $0["status"] as? String } == ["scored", "scored", "not_assessable"])
        #expect(conditions.map { $0["band"] as? String } == ["low", "high", nil])
        #expect(conditions.map { $0["policy_version"] as? String } == ["2026.12.1", "2026.12.2-t2d", "2026.12.1-breast"])
        let recommendations = try #require(plan["recommendations"] as? [[String: Any]])
        let rules = recommendations.compactMap { $0["rule"] as? String }
        // Derived in CarePlanTests.threeConditionPlanMergesAndRoutesCarriers.
        #expect(rules.prefix(9) == ["RA-02", "DM-01", "CX-02", "DM-04", "BR-04", "CRC-03", "DM-02", "DM-05", "BR-05"])
        #expect(Set(rules.dropFirst(9)) == ["LS-02", "LS-03"] && rules.count == 11)
        let dm01 = try #require(recommendations.first { $0["rule"] as? String == "DM-01" })
        #expect(dm01["conditions"] as? [String] == ["demo-cvd-model", "demo-t2d-model"])
        #expect(dm01["due_date"] as? String == "2026-12-04" && dm01["overdue"] as? Bool == false)
        let crc03 = try #require(recommendations.first { $0["rule"] as? String == "CRC-03" })
        #expect(crc03["last_done"] as? String == "2024-01-31" && crc03["due_date"] as? String == "2025-01-31")
        #expect(crc03["overdue"] as? Bool == true)
    }

    @Test func tableShowsEachConditionThenTheMergedPlanWithDueDates() throws {
        let result = try CLIRunner.run(["score"] + Self.models + Self.set(Self.patient) + ["--as-of", "2026-12-03"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("  demo-t2d-model: incident type 2 diabetes\n    10-year risk: "))
        #expect(out.contains("  demo-breast-model: invasive breast cancer\n"))
        #expect(out.contains("  Care plan (recommendations of the 3 conditions, merged):\n"))
        #expect(out.contains("Repeat every 12 months; due 2026-11-15 (overdue; last done 2025-11-15)."))
        #expect(out.contains("Repeat every 36 months; due 2026-12-04 (last done 2023-12-04)."))
        #expect(out.contains("For: demo-cvd-model, demo-t2d-model\n"))
        #expect(!out.contains("[BR-01]") && !out.contains("[CRC-02]"))
        #expect(out.hasSuffix("Decision support, not a diagnosis.\n"))
    }

    /// Several patients: CSV in, one row per patient and condition out; JSON Lines in, one plan per line, each
    /// named `row n` without an id.
    @Test func batchesFromCSVAndJSONLines() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names = Self.patient.map(\.0), values = Self.patient.map(\.1)
        var second = values
        second[names.firstIndex(of: "age")!] = "60"
        try ((["id"] + names).joined(separator: ",") + "\n" + (["P1"] + values).joined(separator: ",") + "\n"
             + (["P2"] + second).joined(separator: ",") + "\n").write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let csv = try CLIRunner.run(["score"] + Self.models + ["--data", folder + "/p.csv", "--format", "csv", "--as-of", "2026-12-03"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "id,model,status,risk,percentile,band,top_factors,recommendations,due_dates,imputed,recommendation_texts,extrapolated")
        #expect(rows.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") } == [
            "P1,demo-cvd-model,scored", "P1,demo-t2d-model,scored", "P1,demo-breast-model,not_assessable",
            "P2,demo-cvd-model,scored", "P2,demo-t2d-model,scored", "P2,demo-breast-model,not_assessable"])
        #expect(rows[3].contains("CRC-03/12mo") && rows[3].contains("CRC-03:2025-01-31 (overdue)"))

        let object = { (age: String) in
            "{" + Self.patient.map { "\"\($0)\": \"\($0 == "age" ? age : $1)\"" }.joined(separator: ", ") + "}"
        }
        let lines = try CLIRunner.run(["score"] + Self.models + ["--format", "json", "--as-of", "2026-12-03"],
                                      stdin: object("45") + "\n" + object("60") + "\n")
        #expect(lines.status == 0, "\(lines.stderr)")
        let plans = try Self.json(lines.stdout)
        #expect(plans.map { $0["id"] as? String } == ["row 1", "row 2"])
    }

    /// Without --as-of the day of SOURCE_DATE_EPOCH is used (1795000000 s = 2026-11-18 UTC): a test never
    /// recorded is due that day.
    @Test func asOfDefaultsToSourceDateEpoch() throws {
        let fields = Self.patient.filter { $0.0 != "last_hba1c_test" }
        let result = try CLIRunner.run(["score"] + Self.models + Self.set(fields) + ["--format", "json"],
                                       environment: ["SOURCE_DATE_EPOCH": "1795000000"])
        #expect(result.status == 0, "\(result.stderr)")
        let recommendations = try #require(try Self.json(result.stdout).first?["recommendations"] as? [[String: Any]])
        let dm01 = try #require(recommendations.first { $0["rule"] as? String == "DM-01" })
        #expect(dm01["due_date"] as? String == "2026-11-18" && dm01["overdue"] as? Bool == false && dm01["last_done"] == nil)
    }

    /// One --policy per --model, or none (each model's default-policy.json, as with one model).
    @Test func policyCountMismatchExits64() throws {
        let models = ["--model", "Models/demo-cvd-model.json", "--model", "Models/demo-t2d-model.json",
                      "--model", "Models/demo-breast-model.json"]
        let result = try CLIRunner.run(["score"] + models + ["--policy", "Models/default-policy.json"] + Self.set(Self.patient))
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("give one --policy per --model, in the same order (or none): got 3 models and 1 policies"),
                "\(result.stderr)")
    }

    /// Every name is checked against all models and policies, with a suggestion; a CSV naming a patient twice stops.
    @Test func unknownFieldsAndDuplicateIDsAreRefused() throws {
        let result = try CLIRunner.run(["score"] + Self.models + Self.set(Self.patient + [("last_colonscopy", "2020-01-01")]))
        #expect(result.status == 65)
        #expect(result.stderr.contains("column `last_colonscopy`: not a field of the model or the policy; did you mean `last_colonoscopy`?"),
                "\(result.stderr)")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let row = Self.patient.map(\.1).joined(separator: ",")
        try ("id," + Self.patient.map(\.0).joined(separator: ",") + "\nP1," + row + "\nP1," + row + "\n")
            .write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let duplicate = try CLIRunner.run(["score"] + Self.models + ["--data", folder + "/p.csv", "--format", "csv"])
        #expect(duplicate.status == 65)
        #expect(duplicate.stderr.contains("p.csv:3: a patient id given twice (first on line 2): each patient must appear once"),
                "\(duplicate.stderr)")
    }

    /// --no-policy applies to every model: risks only, no bands, an empty plan.
    @Test func noPolicyAppliesToAllModels() throws {
        let models = ["--model", "Models/demo-t2d-model.json", "--model", "Models/demo-breast-model.json", "--no-policy"]
        // Without policies, only the models' features are known fields.
        let features: Set = ["age", "sex", "bmi", "hba1c", "fasting_glucose", "activity_min_week", "family_history_diabetes",
                             "alcohol_drinks_week", "family_history_breast", "parity", "breast_density"]
        let fields = Self.patient.filter { features.contains($0.0) }
        let result = try CLIRunner.run(["score"] + models + Self.set(fields) + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try #require(try Self.json(result.stdout).first)
        let conditions = try #require(plan["conditions"] as? [[String: Any]])
        #expect(conditions.count == 2 && conditions.allSatisfy { $0["band"] is NSNull && $0["risk"] is Double })
        #expect((plan["recommendations"] as? [Any])?.isEmpty == true)
        let table = try CLIRunner.run(["score"] + models + Self.set(fields))
        #expect(table.stdout.contains("  Care plan (recommendations of the 2 conditions, merged):\n    none triggered\n"), "\(table.stdout)")
    }

    /// One --model keeps the one-model report (no `conditions`), the same with its default policy found or named.
    @Test func oneModelKeepsItsReport() throws {
        let set = ["--set", "age=55", "--set", "sex=F", "--as-of", "2026-12-03", "--format", "json"]
        let implicit = try CLIRunner.run(["score", "--model", "Models/demo-cvd-model.json"] + set)
        let explicit = try CLIRunner.run(["score", "--model", "Models/demo-cvd-model.json", "--policy", "Models/default-policy.json"] + set)
        #expect(implicit.status == 0, "\(implicit.stderr)")
        #expect(implicit.stdout == explicit.stdout)
        let report = try #require(try Self.json(implicit.stdout).first)
        #expect(report["conditions"] == nil && report["risk"] != nil && report["band"] != nil)
    }
}
