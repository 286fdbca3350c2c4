import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

/// The shipped demo policy `Models/default-policy.json` applied to patients at the guideline thresholds.
///
/// Expected values are closed-form: each is a threshold stated by the guideline cited beside the test
/// (a value exactly at a "≥" threshold fires, the value just below does not).
@Suite struct DefaultPolicyTests {
    /// The repository's `Models/default-policy.json`, found from this source file's location.
    static let policyPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Models/default-policy.json").path

    static func policy() throws -> RecommendationPolicy { try RecommendationPolicy.load(path: policyPath) }

    /// A 50-year-old man with every value in the healthy range: only age-based rules apply to him.
    static func patient(_ overrides: [String: FieldValue] = [:]) -> [String: FieldValue] {
        var values: [String: FieldValue] = [
            "age": .number(50), "sex": .text("M"), "smoker": .number(0), "pack_years": .number(0),
            "years_since_quit": .missing, "bmi": .number(24), "systolic_bp": .number(118),
            "diastolic_bp": .number(76), "total_chol": .number(180), "hdl_chol": .number(55),
            "ldl_chol": .number(100), "diabetes": .number(0), "hba1c": .number(5.2),
            "activity_min_week": .number(200), "alcohol_drinks_week": .number(3),
            "family_history_cvd": .number(0), "on_bp_treatment": .number(0),
        ]
        values.merge(overrides) { _, new in new }
        return values
    }

    /// Ids of the rules that fire for `patient(overrides)` at `risk`.
    static func fired(_ policy: RecommendationPolicy, risk: Double = 0.03,
                      _ overrides: [String: FieldValue] = [:]) -> [String] {
        policy.recommend(risk: risk, values: patient(overrides)).recommendations.map(\.rule)
    }

    @Test func loadsWithSourcesAndDisclaimer() throws {
        let policy = try Self.policy()
        #expect(policy.policyVersion == "2026.12.1")
        #expect(policy.outcome.horizonYears == 10)
        #expect(policy.disclaimer.contains("synthetic data"))
        #expect(policy.disclaimer.contains("decision support"))
        #expect(policy.disclaimer.contains("not for clinical use without local clinical review"))
        #expect(policy.rules.count == 26)
        for rule in policy.rules {
            // Every source names a guideline year (19xx/20xx).
            #expect(rule.source.contains(/(19|20)\d\d/), "rule \(rule.id) source has no year")
        }
        // ACC/AHA 2018 cholesterol / 2019 primary prevention: <5%, 5% to <7.5%, 7.5% to <20%, ≥20%.
        #expect(policy.bands.map(\.id) == ["low", "borderline", "intermediate", "high"])
        #expect(policy.bands.map(\.lower) == [0, 0.05, 0.075, 0.20])
        #expect(policy.bands.map(\.upper) == [0.05, 0.075, 0.20, 1])
    }

    /// ACC/AHA 2018/2019 risk categories; a risk exactly at a cut point belongs to the higher band
    /// ("5% to <7.5%" contains 5%, not 7.5%).
    @Test(arguments: [
        (0.0, "low"), (0.0499999, "low"), (0.05, "borderline"), (0.0749999, "borderline"),
        (0.075, "intermediate"), (0.1999999, "intermediate"), (0.20, "high"), (1.0, "high"),
    ])
    func bandEdges(risk: Double, band: String) throws {
        #expect(try Self.policy().band(for: risk).id == band)
    }

    @Test func healthyPatientGetsOnlyAgeBasedRules() throws {
        let outcome = try Self.policy().recommend(risk: 0.03, values: Self.patient())
        // ACC/AHA 2019 (assess risk 40-75) and USPSTF 2021 colorectal (50-75).
        #expect(outcome.recommendations.map(\.rule) == ["RA-02", "CRC-01"])
        #expect(outcome.skipped.isEmpty)
        #expect(outcome.band.id == "low")
    }

    /// USPSTF 2022 statins: ages 40-75, ≥1 risk factor; 10-year risk ≥10% → grade B (CV-01),
    /// 7.5% to <10% → grade C (CV-02).
    @Test func statinThresholds() throws {
        let policy = try Self.policy()
        let smoker: [String: FieldValue] = ["smoker": .number(1)]
        func cv(_ risk: Double, age: Double, _ extra: [String: FieldValue] = smoker) -> [String] {
            var values = extra
            values["age"] = .number(age)
            return Self.fired(policy, risk: risk, values).filter { $0 == "CV-01" || $0 == "CV-02" }
        }
        #expect(cv(0.10, age: 40) == ["CV-01"])
        #expect(cv(0.10, age: 39.9) == [])
        #expect(cv(0.10, age: 75.9) == ["CV-01"])
        #expect(cv(0.10, age: 76) == [])
        #expect(cv(0.0999, age: 60) == ["CV-02"])
        #expect(cv(0.075, age: 60) == ["CV-02"])
        #expect(cv(0.0749, age: 60) == [])
        #expect(cv(0.15, age: 60, [:]) == [])  // no risk factor
        #expect(cv(0.15, age: 60, ["ldl_chol": .number(131)]) == ["CV-01"])  // dyslipidemia LDL-C >130
        #expect(cv(0.15, age: 60, ["ldl_chol": .number(130)]) == [])
        #expect(cv(0.15, age: 60, ["hdl_chol": .number(39)]) == ["CV-01"])  // dyslipidemia HDL-C <40
        #expect(cv(0.15, age: 60, ["systolic_bp": .number(130)]) == ["CV-01"])  // hypertension ≥130/80
        #expect(cv(0.15, age: 60, ["on_bp_treatment": .number(1)]) == ["CV-01"])
    }

    /// ACC/AHA 2018: LDL-C ≥190 at 20-75 → maximally tolerated statin; diabetes at 40-75 → moderate-intensity.
    @Test func cholesterolGuidelineRules() throws {
        let policy = try Self.policy()
        #expect(Self.fired(policy, ["ldl_chol": .number(190), "age": .number(20)]).contains("CV-03"))
        #expect(!Self.fired(policy, ["ldl_chol": .number(189.9)]).contains("CV-03"))
        #expect(!Self.fired(policy, ["ldl_chol": .number(190), "age": .number(19.9)]).contains("CV-03"))
        #expect(Self.fired(policy, ["diabetes": .number(1), "age": .number(40)]).contains("CV-04"))
        #expect(!Self.fired(policy, ["diabetes": .number(1), "age": .number(39.9)]).contains("CV-04"))
        #expect(Self.fired(policy, risk: 0.20).contains("CV-05"))
        #expect(!Self.fired(policy, risk: 0.1999).contains("CV-05"))
        #expect(Self.fired(policy, risk: 0.05).contains("CV-06"))
        #expect(!Self.fired(policy, risk: 0.0499).contains("CV-06"))
    }

    /// USPSTF 2018 (B): BMI ≥30 → intensive behavioral program. USPSTF 2021 (B): 35-70 with BMI ≥25 → screen
    /// for diabetes every 3 years.
    @Test func bmiAndDiabetesScreening() throws {
        let policy = try Self.policy()
        #expect(Self.fired(policy, ["bmi": .number(30)]).contains("LS-02"))
        #expect(!Self.fired(policy, ["bmi": .number(29.99)]).contains("LS-02"))
        #expect(Self.fired(policy, ["bmi": .number(25), "age": .number(35)]).contains("DM-01"))
        #expect(!Self.fired(policy, ["bmi": .number(24.9), "age": .number(35)]).contains("DM-01"))
        #expect(!Self.fired(policy, ["bmi": .number(25), "age": .number(34.9)]).contains("DM-01"))
        #expect(Self.fired(policy, ["bmi": .number(25), "age": .number(70.9)]).contains("DM-01"))
        #expect(!Self.fired(policy, ["bmi": .number(25), "age": .number(71)]).contains("DM-01"))
        #expect(!Self.fired(policy, ["bmi": .number(25), "diabetes": .number(1)]).contains("DM-01"))
        let dm = try #require(policy.recommend(risk: 0.03, values: Self.patient(["bmi": .number(27)]))
            .recommendations.first { $0.rule == "DM-01" })
        #expect(dm.intervalMonths == 36)
        // ADA prediabetes HbA1c 5.7-6.4%.
        #expect(Self.fired(policy, ["bmi": .number(27), "hba1c": .number(5.7)]).contains("DM-02"))
        #expect(Self.fired(policy, ["bmi": .number(27), "hba1c": .number(6.4)]).contains("DM-02"))
        #expect(!Self.fired(policy, ["bmi": .number(27), "hba1c": .number(5.6)]).contains("DM-02"))
        #expect(!Self.fired(policy, ["bmi": .number(27), "hba1c": .number(6.5)]).contains("DM-02"))
    }

    /// USPSTF 2021 (B): 50-80, ≥20 pack-years, smoking now or quit within 15 years → annual LDCT.
    @Test func lungScreening() throws {
        let policy = try Self.policy()
        let current: [String: FieldValue] = ["smoker": .number(1), "pack_years": .number(20)]
        #expect(Self.fired(policy, current).contains("LU-01"))
        #expect(!Self.fired(policy, current.merging(["pack_years": .number(19.9)]) { $1 }).contains("LU-01"))
        #expect(!Self.fired(policy, current.merging(["age": .number(49.9)]) { $1 }).contains("LU-01"))
        #expect(Self.fired(policy, current.merging(["age": .number(80.9)]) { $1 }).contains("LU-01"))
        #expect(!Self.fired(policy, current.merging(["age": .number(81)]) { $1 }).contains("LU-01"))
        let former: [String: FieldValue] = ["smoker": .number(0), "pack_years": .number(30)]
        #expect(Self.fired(policy, former.merging(["years_since_quit": .number(15)]) { $1 }).contains("LU-01"))
        #expect(!Self.fired(policy, former.merging(["years_since_quit": .number(15.1)]) { $1 }).contains("LU-01"))
        let lung = try #require(policy.recommend(risk: 0.03, values: Self.patient(current)).recommendations
            .first { $0.rule == "LU-01" })
        #expect(lung.intervalMonths == 12)
        #expect(lung.source == "USPSTF 2021 lung cancer screening, grade B")
    }

    /// USPSTF 2018 (B) counseling with DGA 2020-2025 limits: men ≤2/day (14/week), women ≤1/day (7/week).
    @Test func alcoholLimits() throws {
        let policy = try Self.policy()
        #expect(Self.fired(policy, ["alcohol_drinks_week": .number(15)]).contains("LS-04"))
        #expect(!Self.fired(policy, ["alcohol_drinks_week": .number(14)]).contains("LS-04"))
        #expect(Self.fired(policy, ["sex": .text("F"), "alcohol_drinks_week": .number(8)]).contains("LS-04"))
        #expect(!Self.fired(policy, ["sex": .text("F"), "alcohol_drinks_week": .number(7)]).contains("LS-04"))
    }

    /// AHA/ACC 2025: ≥140/90 → drug; 130-139/80-89 with diabetes or risk ≥7.5% → drug; otherwise 3-6 months of
    /// lifestyle change; on treatment the goal is <130/80. WHO 2020: <150 min/week of activity → advice.
    @Test func bloodPressureAndActivity() throws {
        let policy = try Self.policy()
        func bp(_ risk: Double, _ values: [String: FieldValue]) -> [String] {
            Self.fired(policy, risk: risk, values).filter { $0.hasPrefix("BP-") }
        }
        #expect(bp(0.03, ["systolic_bp": .number(140)]) == ["BP-01"])
        #expect(bp(0.03, ["diastolic_bp": .number(90)]) == ["BP-01"])
        #expect(bp(0.03, ["systolic_bp": .number(139)]) == ["BP-03"])
        #expect(bp(0.03, ["diastolic_bp": .number(80)]) == ["BP-03"])
        #expect(bp(0.075, ["systolic_bp": .number(130)]) == ["BP-02"])
        #expect(bp(0.0749, ["systolic_bp": .number(130)]) == ["BP-03"])
        #expect(bp(0.03, ["systolic_bp": .number(130), "diabetes": .number(1)]) == ["BP-02"])
        #expect(bp(0.03, ["systolic_bp": .number(129), "diastolic_bp": .number(79)]) == [])
        #expect(bp(0.03, ["systolic_bp": .number(130), "on_bp_treatment": .number(1)]) == ["BP-04"])
        #expect(bp(0.03, ["systolic_bp": .number(129), "on_bp_treatment": .number(1)]) == [])
        #expect(Self.fired(policy, ["activity_min_week": .number(149)]).contains("LS-03"))
        #expect(!Self.fired(policy, ["activity_min_week": .number(150)]).contains("LS-03"))
    }

    /// USPSTF: breast F 40-74 (2024 B, every 2 y); colorectal 45-49 (B) and 50-75 (A) (2021); cervical F 21-29
    /// every 3 y and 30-65 every 5 y (2018 A); prostate M 55-69 shared decision (2018 C).
    @Test func ageAndSexScreening() throws {
        let policy = try Self.policy()
        func rules(_ sex: String, _ age: Double, prefix: String) -> [String] {
            Self.fired(policy, ["sex": .text(sex), "age": .number(age)]).filter { $0.hasPrefix(prefix) }
        }
        #expect(rules("F", 40, prefix: "BR") == ["BR-01"])
        #expect(rules("F", 39.9, prefix: "BR") == [])
        #expect(rules("F", 74.9, prefix: "BR") == ["BR-01"])
        #expect(rules("F", 75, prefix: "BR") == [])
        #expect(rules("M", 50, prefix: "BR") == [])
        #expect(rules("M", 44.9, prefix: "CRC") == [])
        #expect(rules("M", 45, prefix: "CRC") == ["CRC-02"])
        #expect(rules("M", 50, prefix: "CRC") == ["CRC-01"])
        #expect(rules("M", 75.9, prefix: "CRC") == ["CRC-01"])
        #expect(rules("M", 76, prefix: "CRC") == [])
        #expect(rules("F", 20.9, prefix: "CX") == [])
        #expect(rules("F", 21, prefix: "CX") == ["CX-01"])
        #expect(rules("F", 30, prefix: "CX") == ["CX-02"])
        #expect(rules("F", 65.9, prefix: "CX") == ["CX-02"])
        #expect(rules("F", 66, prefix: "CX") == [])
        #expect(rules("M", 30, prefix: "CX") == [])
        #expect(rules("M", 54.9, prefix: "PR") == [])
        #expect(rules("M", 55, prefix: "PR") == ["PR-01"])
        #expect(rules("M", 69.9, prefix: "PR") == ["PR-01"])
        #expect(rules("M", 70, prefix: "PR") == [])
        #expect(rules("F", 60, prefix: "PR") == [])
        let outcome = policy.recommend(risk: 0.01, values: Self.patient(["sex": .text("F"), "age": .number(35)]))
        #expect(outcome.recommendations.first { $0.rule == "CX-02" }?.intervalMonths == 60)
        #expect(outcome.recommendations.first { $0.rule == "RA-02" } == nil)
    }

    @Test func missingFieldsAreSkippedWithReasons() throws {
        let policy = try Self.policy()
        // An empty record: nothing can fire; rules decided by risk alone are not skipped.
        let empty = policy.recommend(risk: 0.12, values: [:])
        #expect(empty.recommendations.isEmpty)
        let cv06 = try #require(empty.skipped.first { $0.rule == "CV-06" })
        #expect(cv06.fields == ["age"])
        #expect(cv06.reason == "needs `age` (not in the record)")
        // Rules whose risk or band clause is false at 12% are decided whatever the fields say, so they are not
        // skipped: CV-02 (7.5% to <10%), CV-05 (high band, ≥20%), BP-03 (<7.5%).
        let decidedByRisk: Set = ["CV-02", "CV-05", "BP-03"]
        #expect(empty.skipped.map(\.rule) == policy.rules.map(\.id).filter { !decidedByRisk.contains($0) })

        // One value missing: only the rules that depend on it are skipped.
        var values = Self.patient()
        values["bmi"] = .missing
        let outcome = policy.recommend(risk: 0.03, values: values)
        #expect(outcome.skipped.map(\.rule) == ["DM-01", "LS-02"])
        #expect(outcome.skipped[0].reason == "needs `bmi` (missing)")
        // DM-02 also tests bmi but is already false on HbA1c 5.2 (<5.7), so it is decided, not skipped.
        #expect(!outcome.skipped.contains { $0.rule == "DM-02" })

        // A former smoker without years since quitting: lung screening cannot be decided.
        let former = policy.recommend(risk: 0.03, values: Self.patient(["pack_years": .number(25)]))
        let lung = try #require(former.skipped.first { $0.rule == "LU-01" })
        #expect(lung.fields == ["years_since_quit"])
        // A current smoker qualifies without it.
        let current = policy.recommend(risk: 0.03,
                                       values: Self.patient(["pack_years": .number(25), "smoker": .number(1)]))
        #expect(current.recommendations.contains { $0.rule == "LU-01" })
        #expect(!current.skipped.contains { $0.rule == "LU-01" })
    }

    @Test func unusableValuesAreSkipped() throws {
        let policy = try Self.policy()
        let outcome = policy.recommend(risk: 0.03, values: Self.patient(["sex": .text("Female"),
                                                                        "bmi": .text("obese")]))
        let breast = try #require(outcome.skipped.first { $0.rule == "BR-01" })
        #expect(breast.reason == "needs `sex` (is `Female`, expected one of `F`, `M`)")
        let weight = try #require(outcome.skipped.first { $0.rule == "LS-02" })
        #expect(weight.reason == "needs `bmi` (is `obese`, expected a number)")
    }

    @Test func lifestyleComesLastOrderedByContribution() throws {
        let policy = try Self.policy()
        let values = Self.patient(["smoker": .number(1), "bmi": .number(32), "activity_min_week": .number(60)])
        let plain = policy.recommend(risk: 0.12, values: values).recommendations.map(\.rule)
        #expect(plain == ["CV-01", "CV-06", "RA-02", "DM-01", "CRC-01", "LS-01", "LS-02", "LS-03"])
        let ranked = policy.recommend(risk: 0.12, values: values,
                                      contributions: ["bmi": 0.4, "activity_min_week": 0.9, "age": 2.0])
        #expect(ranked.recommendations.map(\.rule)
                == ["CV-01", "CV-06", "RA-02", "DM-01", "CRC-01", "LS-03", "LS-02", "LS-01"])
        #expect(ranked.recommendations.first { $0.rule == "LS-03" }?.contribution == 0.9)
        #expect(ranked.recommendations.first { $0.rule == "LS-01" }?.contribution == nil)
        let tie = policy.recommend(risk: 0.12, values: values,
                                   contributions: ["bmi": 0.5, "smoker": 0.5, "activity_min_week": 0.1])
        #expect(tie.recommendations.suffix(3).map(\.rule) == ["LS-01", "LS-02", "LS-03"])
    }

    @Test func jsonKeysAreAsContracted() throws {
        let policy = try Self.policy()
        let outcome = policy.recommend(risk: 0.12, values: Self.patient(["bmi": .number(27)]))
        let data = try JSONEncoder().encode(outcome)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["policy_version", "risk", "band", "recommendations", "skipped"])
        let items = try #require(object["recommendations"] as? [[String: Any]])
        let byRule = Dictionary(uniqueKeysWithValues: items.map { ($0["rule"] as! String, $0) })
        // CV-06 has no interval and no note: exactly the contracted keys, with interval_months null.
        let cv06 = try #require(byRule["CV-06"])
        #expect(Set(cv06.keys) == ["rule", "kind", "text", "interval_months", "source"])
        #expect(cv06["interval_months"] is NSNull)
        #expect(cv06["kind"] as? String == "counseling")
        #expect(cv06["source"] as? String == "ACC/AHA 2019 primary prevention guideline, COR IIa, LOE B-NR")
        let dm01 = try #require(byRule["DM-01"])
        #expect(Set(dm01.keys) == ["rule", "kind", "text", "interval_months", "source", "note"])
        #expect((dm01["interval_months"] as? NSNumber)?.intValue == 36)
        #expect(try JSONDecoder().decode(PolicyOutcome.self, from: data) == outcome)
    }
}
