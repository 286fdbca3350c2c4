import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

/// A care plan across three conditions with the shipped demo models and policies (cardiovascular disease with
/// `default-policy.json`, type 2 diabetes with `t2d-policy.json`, breast cancer with `breast-policy.json`): the
/// merged rule lists are derived by hand from the policies' conditions, rule by rule, in the comments.
@Suite struct CarePlanTests {
    static let asOf = CalendarDate(year: 2026, month: 12, day: 3)!

    /// The three-condition planner, conditions named `cvd`, `t2d` and `breast`.
    static func planner(asOf: CalendarDate = asOf) throws -> CarePlanScorer {
        let pairs = [("demo-cvd-model.json", "default-policy.json"), ("demo-t2d-model.json", "t2d-policy.json"),
                     ("demo-breast-model.json", "breast-policy.json")]
        let scorers = try pairs.map { model, policy in
            PatientScorer(model: try RiskModel.load(path: ConditionPoliciesTests.shipped(model)),
                          policy: try RecommendationPolicy.load(path: ConditionPoliciesTests.shipped(policy)), asOf: asOf)
        }
        return CarePlanScorer(scorers: scorers, names: ["cvd", "t2d", "breast"])
    }

    /// A 45-year-old woman, BRCA1 and Lynch carrier, BMI 31, HbA1c 5.9 % and fasting glucose 105 mg/dL
    /// (prediabetes range), blood pressure 128/78 mm Hg, LDL 120 and HDL 55 mg/dL, non-smoker, no diabetes,
    /// 90 min/week of activity, 3 drinks a week; her last tests are dated.
    static let patient: [String: String] = [
        "sex": "F", "age": "45", "region": "north", "smoker": "0", "bmi": "31", "systolic_bp": "128",
        "diastolic_bp": "78", "total_chol": "210", "hdl_chol": "55", "ldl_chol": "120", "diabetes": "0",
        "hba1c": "5.9", "fasting_glucose": "105", "activity_min_week": "90", "alcohol_drinks_week": "3",
        "family_history_cvd": "0", "on_bp_treatment": "0", "pack_years": "0", "family_history_diabetes": "1",
        "family_history_breast": "1", "parity": "2", "breast_density": "c", "brca1": "1", "brca2": "0", "lynch": "1",
        "last_mammogram": "2025-11-15", "last_colonoscopy": "2024-01-31", "last_hba1c_test": "2023-12-04",
        "last_lipid_panel": "2020-01-01",
    ]

    static func with(_ changes: [String: String]) -> [String: String] { patient.merging(changes) { _, new in new } }

    /// Each condition's own rules, then the merged plan.
    ///
    /// default-policy (CVD): no USPSTF risk factor (LDL ≤ 130, HDL ≥ 40, no diabetes, 128/78, untreated, non-smoker),
    /// so CV-01/CV-02 do not fire whatever the risk, nor BP-01..04 (below 130/80, untreated); the risk is low, so
    /// neither CV-05 (high) nor CV-06 (borderline/intermediate); RA-02 (40-75), DM-01 (35-70, BMI ≥ 25, no
    /// diabetes), DM-02 (HbA1c 5.7-6.4), BR-01 (woman 40-74), CRC-02 (45-49), CX-02 (woman 30-65), LS-02 (BMI ≥ 30)
    /// and LS-03 (< 150 min) fire; LU-01 (50-80), CRC-01 (50-75), LS-04 (> 7 drinks) and LS-05 do not.
    /// t2d-policy: DM-01, DM-02, DM-04 (prediabetes range), DM-05 (BMI ≥ 25 and prediabetes), LS-02, LS-03; not
    /// DM-03 (BMI < 25 or ≥ 71) nor DM-06 (BMI ≥ 35).
    /// breast-policy: the breast model is not for BRCA carriers (its population: brca1 = 0), so no risk and no band;
    /// the rules that need no risk still fire: BR-04 (BRCA carrier 30-75), BR-05 (BRCA1 from 35), CRC-03 (Lynch from
    /// 20), LS-03; BR-01 fires but BR-04 overrides it; not BR-07 (needs the risk band), BR-03 (25-29) nor BR-06
    /// (carriers excluded).
    /// Merged: BR-01 and CRC-02 of default-policy are dropped (overridden by BR-04 and CRC-03 of the breast
    /// policy); shared rules appear once; screening, then counseling (no therapy fired), then lifestyle, each in
    /// order of first appearance (cvd, t2d, breast).
    @Test func threeConditionPlanMergesAndRoutesCarriers() throws {
        let plan = try Self.planner().plan(fields: Self.patient)
        #expect(plan.conditions.map(\.model) == ["cvd", "t2d", "breast"])
        #expect(plan.conditions.map(\.status.rawValue) == ["scored", "scored", "not_assessable"])
        #expect(plan.conditions.map(\.outcome).dropFirst() == ["incident type 2 diabetes", "invasive breast cancer"])
        #expect(plan.conditions.map(\.horizonYears) == [10, 10, 10])
        #expect(plan.conditions.map { $0.report.policy?.band.id } == ["low", "high", nil])
        let own = plan.conditions.map { $0.report.recommendations.map(\.rule) }
        // Within a policy, lifestyle advice is ordered by its factor's contribution to that model's risk.
        let cvd = plan.conditions[0].report.score
        let activityFirst = try #require(cvd.contributions.first { $0.feature == "activity_min_week" }).value
            > (cvd.contributions.first { $0.feature == "bmi" }?.value ?? 0)
        let lifestyle = activityFirst ? ["LS-03", "LS-02"] : ["LS-02", "LS-03"]
        #expect(own[0] == ["RA-02", "DM-01", "DM-02", "BR-01", "CRC-02", "CX-02"] + lifestyle)
        #expect(Set(own[1]) == ["DM-01", "DM-02", "DM-04", "DM-05", "LS-02", "LS-03"])
        #expect(own[2] == ["BR-04", "BR-05", "CRC-03", "LS-03"])
        #expect(plan.recommendations.map(\.recommendation.rule)
                == ["RA-02", "DM-01", "CX-02", "DM-04", "BR-04", "CRC-03", "DM-02", "DM-05", "BR-05"] + lifestyle)
        let from = Dictionary(uniqueKeysWithValues: plan.recommendations.map { ($0.recommendation.rule, $0.conditions) })
        #expect(from["DM-01"] == ["cvd", "t2d"])
        #expect(from["DM-02"] == ["cvd", "t2d"])
        #expect(from["LS-02"] == ["cvd", "t2d"])
        #expect(from["LS-03"] == ["cvd", "t2d", "breast"])
        #expect(from["CRC-03"] == ["breast"])
        #expect(plan.recommendations.allSatisfy { $0.recommendation.contribution == nil })
    }

    /// Due dates against 2026-12-03: DM-01 every 36 months from 2023-12-04 → 2026-12-04 (tomorrow: not overdue);
    /// DM-04 every 12 months → 2024-12-04 (overdue); BR-04 yearly from the mammogram of 2025-11-15 → 2026-11-15
    /// (overdue; BR-07, which needs the breast risk, does not fire for a carrier); CRC-03 yearly from the colonoscopy of 2024-01-31 → 2025-01-31 (overdue); rules without a
    /// `last_done_field` (RA-02, CX-02) carry none.
    @Test func screeningDueDates() throws {
        let plan = try Self.planner().plan(fields: Self.patient)
        let byRule = Dictionary(uniqueKeysWithValues: plan.recommendations.map { ($0.recommendation.rule, $0.recommendation) })
        func due(_ rule: String) -> String? { byRule[rule]?.dueDate?.description }
        #expect(due("DM-01") == "2026-12-04" && byRule["DM-01"]?.overdue == false)
        #expect(byRule["DM-01"]?.lastDone?.description == "2023-12-04")
        #expect(due("DM-04") == "2024-12-04" && byRule["DM-04"]?.overdue == true)
        #expect(due("BR-04") == "2026-11-15" && byRule["BR-04"]?.overdue == true)
        #expect(byRule["BR-07"] == nil)
        #expect(due("CRC-03") == "2025-01-31" && byRule["CRC-03"]?.overdue == true)
        #expect(due("RA-02") == nil && due("CX-02") == nil && byRule["RA-02"]?.overdue == nil)
        // Due on the as-of day itself is not overdue; a day later it is.
        let onTheDay = try Self.planner(asOf: CalendarDate(year: 2026, month: 12, day: 4)!).plan(fields: Self.patient)
        #expect(onTheDay.recommendations.first { $0.recommendation.rule == "DM-01" }?.recommendation.overdue == false)
        let dayAfter = try Self.planner(asOf: CalendarDate(year: 2026, month: 12, day: 5)!).plan(fields: Self.patient)
        #expect(dayAfter.recommendations.first { $0.recommendation.rule == "DM-01" }?.recommendation.overdue == true)
    }

    /// Month ends and leap days: a mammogram on 2024-02-29 is next due 24 months later on 2026-02-28 (no
    /// February 29 in 2026); a colonoscopy on 2025-02-28 is due 2026-02-28; a test never recorded is due on the
    /// as-of date, not overdue.
    @Test func dueDatesAtMonthEndsAndLeapDays() throws {
        // 55, no carrier variant: BR-01 (both policies), CRC-01 (default) and no BR-07 (40-49 only).
        var plan = try Self.planner().plan(fields: Self.with([
            "age": "55", "brca1": "0", "lynch": "0", "last_mammogram": "2024-02-29", "last_colonoscopy": "2025-02-28"]))
        var br01 = try #require(plan.recommendations.first { $0.recommendation.rule == "BR-01" })
        #expect(br01.conditions == ["cvd", "breast"])
        #expect(br01.recommendation.dueDate?.description == "2026-02-28" && br01.recommendation.overdue == true)
        // With Lynch syndrome, CRC-03 replaces CRC-01 and is due yearly after the last colonoscopy.
        plan = try Self.planner().plan(fields: Self.with(["age": "55", "brca1": "0", "last_colonoscopy": "2025-02-28"]))
        let rules = plan.recommendations.map(\.recommendation.rule)
        #expect(rules.contains("CRC-03") && !rules.contains("CRC-01"))
        #expect(plan.conditions[0].report.policy?.recommendations.contains { $0.rule == "CRC-01" } == true)
        let crc03 = try #require(plan.recommendations.first { $0.recommendation.rule == "CRC-03" }).recommendation
        #expect(crc03.dueDate?.description == "2026-02-28" && crc03.overdue == true && crc03.overrides == ["CRC-01", "CRC-02"])
        // Never recorded: due now.
        var fields = Self.with(["age": "55", "brca1": "0", "lynch": "0"])
        fields["last_mammogram"] = nil
        plan = try Self.planner().plan(fields: fields)
        br01 = try #require(plan.recommendations.first { $0.recommendation.rule == "BR-01" })
        #expect(br01.recommendation.dueDate == Self.asOf && br01.recommendation.overdue == false)
        #expect(br01.recommendation.lastDone == nil)
    }

    /// A BRCA2 carrier of 30-39 gets BR-04 (annual MRI and mammography) and not the average-risk BR-01 — which at
    /// that age no policy fires anyway — and from 40 BR-04 still replaces the BR-01 of both policies.
    @Test(arguments: [45.0, 60.0, 74.0])
    func brcaPathwayReplacesAverageRiskMammographyAcrossPolicies(age: Double) throws {
        let plan = try Self.planner().plan(fields: Self.with(["age": String(age), "brca1": "0", "brca2": "1", "lynch": "0"]))
        let rules = plan.recommendations.map(\.recommendation.rule)
        #expect(rules.contains("BR-04"))
        #expect(!rules.contains("BR-01"))
        #expect(plan.conditions[0].report.policy?.recommendations.contains { $0.rule == "BR-01" } == true)
    }

    /// The same rule id with different text in two policies is two recommendations (only identical rules merge).
    @Test func onlyIdenticalRulesMerge() throws {
        let first = Recommendation(rule: "X-1", kind: .screening, text: "Test A.", intervalMonths: 12, source: "S 2026")
        var second = first
        second.text = "Test B."
        func condition(_ name: String, _ recommendations: [Recommendation]) -> CarePlanCondition {
            let score = PatientScore(id: nil, risk: 0.1, percentile: 50, linearPredictor: 0, contributions: [], imputed: [])
            let band = RiskBand(id: "b", label: "B", lower: 0, upper: 1, source: "s")
            let report = PatientReport(score: score, policy: PolicyOutcome(policyVersion: "1", risk: 0.1, band: band,
                                                                          recommendations: recommendations, skipped: []),
                                       topContributions: 0)
            return CarePlanCondition(model: name, outcome: "o", horizonYears: 10, report: report)
        }
        let plan = CarePlan(id: nil, conditions: [condition("a", [first]), condition("b", [first, second])])
        #expect(plan.recommendations.map(\.recommendation.text) == ["Test A.", "Test B."])
        #expect(plan.recommendations.map(\.conditions) == [["a", "b"], ["b"]])
    }

    /// JSON: `conditions` with the contract keys, merged `recommendations` each with the `conditions` it came from.
    @Test func jsonKeys() throws {
        let plan = try Self.planner().plan(fields: Self.patient)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(plan)) as? [String: Any])
        #expect(Set(object.keys) == ["id", "conditions", "recommendations"])
        let condition = try #require((object["conditions"] as? [[String: Any]])?.first)
        for key in ["model", "outcome", "horizon_years", "risk", "percentile", "band", "status", "contributions"] {
            #expect(condition[key] != nil, "no \(key)")
        }
        let recommendation = try #require((object["recommendations"] as? [[String: Any]])?
            .first { $0["rule"] as? String == "DM-01" })
        #expect(recommendation["conditions"] as? [String] == ["cvd", "t2d"])
        #expect(recommendation["due_date"] as? String == "2026-12-04")
        #expect(recommendation["overdue"] as? Bool == false)
    }

    /// An unknown field is an error naming the closest field any model or policy knows; a field only one model
    /// knows is fine.
    @Test func unknownFieldsAreCheckedAgainstEveryModel() throws {
        let planner = try Self.planner()
        #expect(throws: Never.self) { try planner.checkFieldNames(["parity", "lynch", "total_chol", "last_colonoscopy"]) }
        let error = try #require(throws: DataError.self) { try planner.checkFieldNames(["last_colonscopy"]) }
        #expect(error.message.contains("did you mean `last_colonoscopy`?"), "\(error)")
    }
}
