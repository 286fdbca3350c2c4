import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

/// The shipped type 2 diabetes and breast-cancer demo policies and models (`Models/t2d-policy.json`,
/// `Models/breast-policy.json`, `Models/demo-t2d-model.json`, `Models/demo-breast-model.json`), applied to
/// hand-built patients at the guideline thresholds each rule cites.
@Suite struct ConditionPoliciesTests {
    /// A file of the repository's `Models/` folder.
    static func shipped(_ name: String) -> String {
        URL(fileURLWithPath: DefaultPolicyTests.policyPath).deletingLastPathComponent().appendingPathComponent(name).path
    }

    static func t2d() throws -> RecommendationPolicy { try RecommendationPolicy.load(path: shipped("t2d-policy.json")) }
    static func breast() throws -> RecommendationPolicy { try RecommendationPolicy.load(path: shipped("breast-policy.json")) }

    /// Ids of the rules of `policy` that fire at `risk` for `values`.
    static func fired(_ policy: RecommendationPolicy, risk: Double = 0.01, _ values: [String: FieldValue]) -> [String] {
        policy.recommend(risk: risk, values: values).recommendations.map(\.rule)
    }

    /// A woman of `age` with no carrier variant, no family history, and activity and alcohol within limits.
    static func woman(_ age: Double, _ overrides: [String: FieldValue] = [:]) -> [String: FieldValue] {
        var values: [String: FieldValue] = [
            "age": .number(age), "sex": .text("F"), "brca1": .number(0), "brca2": .number(0), "lynch": .number(0),
            "family_history_breast": .number(0), "alcohol_drinks_week": .number(2), "activity_min_week": .number(200),
        ]
        values.merge(overrides) { _, new in new }
        return values
    }

    /// An adult of `age` without diabetes, normal glucose, BMI 24 and active.
    static func adult(_ age: Double, _ overrides: [String: FieldValue] = [:]) -> [String: FieldValue] {
        var values: [String: FieldValue] = [
            "age": .number(age), "bmi": .number(24), "diabetes": .number(0), "hba1c": .number(5.3),
            "fasting_glucose": .number(90), "activity_min_week": .number(200),
        ]
        values.merge(overrides) { _, new in new }
        return values
    }

    @Test(arguments: ["t2d-policy.json", "breast-policy.json"])
    func loadsAsSyntheticDemoWithSourcedRules(file: String) throws {
        let policy = try RecommendationPolicy.load(path: Self.shipped(file))
        #expect(policy.outcome.horizonYears == 10)
        #expect(policy.disclaimer.contains("SYNTHETIC"))
        #expect(policy.disclaimer.contains("decision support"))
        #expect(policy.disclaimer.contains("not for clinical use without local clinical review"))
        for rule in policy.rules {
            #expect(rule.source.contains(/(19|20)\d\d/), "rule \(rule.id) source has no year")
        }
        for band in policy.bands {
            #expect(band.source.contains(/(19|20)\d\d/), "band \(band.id) source has no year")
        }
    }

    /// Rules sharing an id with the default (CVD) policy are the same rule, so a merged care plan can list them once.
    @Test func sharedRulesAreIdenticalToTheDefaultPolicy() throws {
        let base = Dictionary(uniqueKeysWithValues: try DefaultPolicyTests.policy().rules.map { ($0.id, $0) })
        let shared = try (Self.t2d().rules + Self.breast().rules).filter { base[$0.id] != nil }
        #expect(shared.map(\.id) == ["DM-01", "DM-02", "LS-02", "LS-03", "BR-01", "LS-03", "LS-04"])
        for rule in shared { #expect(rule == base[rule.id], "\(rule.id) differs from default-policy.json") }
    }

    // MARK: Breast: average risk and the BRCA pathway (USPSTF 2024; NCCN)

    /// USPSTF 2024: average-risk women 40-74, mammography every 2 years (grade B); nothing at 39 or 75.
    @Test func averageRiskWomanGetsBiennialMammography() throws {
        let policy = try Self.breast()
        #expect(Self.fired(policy, Self.woman(55)) == ["BR-01"])
        let outcome = policy.recommend(risk: 0.02, values: Self.woman(55))
        #expect(outcome.recommendations.first?.intervalMonths == 24)
        #expect(outcome.band.id == "near_population")
        #expect(outcome.skipped.isEmpty)
        #expect(Self.fired(policy, Self.woman(39)) == [])
        #expect(Self.fired(policy, Self.woman(75)) == [])
        #expect(Self.fired(policy, Self.woman(55, ["sex": .text("M")])) == [])
    }

    /// NCCN BRCA1/2: annual MRI from 25 (BR-03), annual MRI and mammography 30-75 (BR-04, which overrides the
    /// average-risk BR-01 at 40-74); RRSO discussion from 35 for BRCA1 and 40 for BRCA2 (BR-05).
    @Test(arguments: [
        (24.9, "brca1", [String]()), (25.0, "brca1", ["BR-03"]), (29.9, "brca2", ["BR-03"]),
        (30.0, "brca1", ["BR-04"]), (35.0, "brca1", ["BR-04", "BR-05"]), (36.0, "brca2", ["BR-04"]),
        (40.0, "brca2", ["BR-04", "BR-05"]), (75.0, "brca1", ["BR-04", "BR-05"]),
        (76.0, "brca2", ["BR-05"]),
    ])
    func brcaCarrierPathway(age: Double, gene: String, expected: [String]) throws {
        #expect(Self.fired(try Self.breast(), Self.woman(age, [gene: .number(1)])) == expected)
    }

    /// BR-03/BR-04 read the carrier fields: a 30-year-old BRCA1 carrier is sent to annual MRI; without carrier fields
    /// in the record the rule is reported as skipped, not silently dropped.
    @Test func carrierRuleNeedsTheCarrierFields() throws {
        let policy = try Self.breast()
        let carrier = policy.recommend(risk: 0.01, values: Self.woman(30, ["brca1": .number(1)]))
        #expect(carrier.recommendations.first?.rule == "BR-04")
        #expect(carrier.recommendations.first?.text.contains("MRI") == true)
        #expect(carrier.recommendations.first?.intervalMonths == 12)
        var unknown = Self.woman(30)
        unknown["brca1"] = nil
        unknown["brca2"] = nil
        let skipped = policy.recommend(risk: 0.01, values: unknown).skipped.map(\.rule)
        #expect(skipped.contains("BR-04"))
    }

    /// USPSTF 2019: family history → familial risk assessment tool and counseling (not for known carriers).
    @Test func familyHistoryLeadsToRiskAssessment() throws {
        let policy = try Self.breast()
        #expect(Self.fired(policy, Self.woman(32, ["family_history_breast": .number(1)])) == ["BR-06"])
        #expect(Self.fired(policy, Self.woman(32, ["family_history_breast": .number(1), "brca1": .number(1)])) == ["BR-04"])
    }

    /// NICE CG164: moderate (3-8%) or high (>8%) 10-year risk at 40-49 → annual mammography (BR-07, which
    /// overrides the biennial BR-01).
    @Test func moderateRiskInTheFortiesGetsAnnualMammography() throws {
        let policy = try Self.breast()
        #expect(Self.fired(policy, risk: 0.0299, Self.woman(45)) == ["BR-01"])
        #expect(Self.fired(policy, risk: 0.03, Self.woman(45)) == ["BR-07"])
        #expect(Self.fired(policy, risk: 0.08, Self.woman(49)) == ["BR-07"])
        #expect(Self.fired(policy, risk: 0.08, Self.woman(50)) == ["BR-01"])
        #expect(try Self.breast().band(for: 0.08).id == "high")
    }

    /// ACG 2015 / NCCN: Lynch syndrome → colonoscopy every 1-2 years from 20-25, men and women alike.
    @Test func lynchCarrierGetsFrequentColonoscopy() throws {
        let policy = try Self.breast()
        #expect(Self.fired(policy, Self.woman(19.9, ["lynch": .number(1)])) == [])
        #expect(Self.fired(policy, Self.woman(25, ["lynch": .number(1), "sex": .text("M")])) == ["CRC-03"])
        let outcome = policy.recommend(risk: 0.01, values: Self.woman(60, ["lynch": .number(1)]))
        #expect(outcome.recommendations.map(\.rule) == ["BR-01", "CRC-03"])
        #expect(outcome.recommendations.last?.intervalMonths == 12)
    }

    // MARK: Type 2 diabetes (USPSTF 2021; ADA; CDC National DPP)

    /// USPSTF 2021: 35-70 with BMI ≥ 25 (DM-01); ADA: everyone else from 35 (DM-03); none with diabetes.
    @Test(arguments: [
        (34.9, 27.0, [String]()), (35.0, 25.0, ["DM-01"]), (35.0, 24.9, ["DM-03"]), (70.9, 30.0, ["DM-01", "LS-02"]),
        (71.0, 27.0, ["DM-03"]), (50.0, 22.0, ["DM-03"]),
    ])
    func diabetesScreeningByAgeAndBMI(age: Double, bmi: Double, expected: [String]) throws {
        #expect(Self.fired(try Self.t2d(), Self.adult(age, ["bmi": .number(bmi)])) == expected)
    }

    @Test func noScreeningWithDiagnosedDiabetes() throws {
        #expect(Self.fired(try Self.t2d(), Self.adult(50, ["bmi": .number(28), "diabetes": .number(1), "hba1c": .number(7.5)])) == [])
    }

    /// Prediabetes range (ADA: HbA1c 5.7-6.4% or fasting glucose 100-125 mg/dL): yearly retest (DM-04), National DPP
    /// with BMI ≥ 25 (DM-05), metformin to consider at 25-59 with BMI ≥ 35 (DM-06).
    @Test func prediabetesPathway() throws {
        let policy = try Self.t2d()
        #expect(Self.fired(policy, Self.adult(50, ["bmi": .number(27), "hba1c": .number(5.7)])) == ["DM-01", "DM-02", "DM-04", "DM-05"])
        #expect(Self.fired(policy, Self.adult(50, ["bmi": .number(27), "hba1c": .number(6.5)])) == ["DM-01"])
        #expect(Self.fired(policy, Self.adult(50, ["bmi": .number(27), "fasting_glucose": .number(100)])) == ["DM-01", "DM-04", "DM-05"])
        #expect(Self.fired(policy, Self.adult(50, ["bmi": .number(27), "fasting_glucose": .number(126)])) == ["DM-01"])
        #expect(Self.fired(policy, Self.adult(30, ["bmi": .number(24), "fasting_glucose": .number(110)])) == ["DM-04"])
        #expect(Self.fired(policy, Self.adult(59.9, ["bmi": .number(35), "hba1c": .number(6.0)]))
            == ["DM-01", "DM-02", "DM-04", "DM-05", "DM-06", "LS-02"])
        #expect(!Self.fired(policy, Self.adult(60, ["bmi": .number(35), "hba1c": .number(6.0)])).contains("DM-06"))
    }

    // MARK: Demo models

    /// The demo models load (checksum verified), say they are synthetic, predict their condition's outcome, and
    /// score a patient with their policy.
    @Test(arguments: [
        ("demo-t2d-model.json", "t2d-policy.json", "t2d_10y",
         ["age": "52", "sex": "F", "bmi": "36", "hba1c": "6.1", "fasting_glucose": "108", "activity_min_week": "60",
          "family_history_diabetes": "1", "diabetes": "0"], "DM-06"),
        ("demo-breast-model.json", "breast-policy.json", "breast_cancer_10y",
         ["age": "31", "sex": "F", "bmi": "24", "family_history_breast": "1", "parity": "0", "breast_density": "c",
          "alcohol_drinks_week": "3", "activity_min_week": "200", "brca1": "1", "brca2": "0", "lynch": "0"], "BR-04"),
    ])
    func demoModelsLoadAndScore(model file: String, policy policyFile: String, outcome: String,
                                fields: [String: String], expectedRule: String) throws {
        let model = try RiskModel.load(path: Self.shipped(file))
        #expect(model.outcome.column == outcome)
        #expect(model.description?.contains("SYNTHETIC") == true)
        #expect(model.description?.contains("not for clinical use") == true)
        let policy = try RecommendationPolicy.load(path: Self.shipped(policyFile))
        let report = try PatientScorer(model: model, policy: policy).report(PatientInput(model: model, fields: fields))
        #expect(report.score.risk > 0 && report.score.risk < 1)
        #expect(report.score.imputed.isEmpty)
        #expect(report.policy?.recommendations.map(\.rule).contains(expectedRule) == true)
    }
}
