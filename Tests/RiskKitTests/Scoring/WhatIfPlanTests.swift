import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

/// The what-if plan and risk age against hand-computed values of the logistic formula, on a tiny model with known
/// coefficients: η = −6 + 0.06·age + 0.4·[sex = M] + 0.7·smoker + 0.05·bmi − 0.002·activity_min_week.
@Suite struct WhatIfPlanTests {
    /// The risk for log odds `eta`, written out here rather than taken from the library.
    static func risk(_ eta: Double) -> Double { 1 / (1 + exp(-eta)) }

    /// The model above; age applies from 40 to 79; training values make bmi's imputed value 25.
    static func model() throws -> RiskModel {
        var (schema, _) = try FeatureSchema.learn(columns: [
            ("age", .numeric([40, 79])), ("sex", .categorical(codes: [0, 1], levels: ["F", "M"])),
            ("smoker", .numeric([0, 1])), ("bmi", .numeric([20, 30])), ("activity_min_week", .numeric([0, 300])),
        ])
        schema.features[0].applicable = ValueRange(lower: 40, upper: 79)
        let estimates = [-6.0, 0.06, 0.4, 0.7, 0.05, -0.002]
        return testModel(schema: schema, estimates: estimates)
    }

    /// A policy with four modifiable factors; `ldl_chol` is no feature of the model.
    static func policy(modifiable: Bool = true) throws -> RecommendationPolicy {
        let factors = #"""
            , "modifiable": [
              {"field": "smoker", "target": {"equals": 0}, "label": "stop smoking", "source": "USPSTF 2021"},
              {"field": "bmi", "target": {"at_most": 25, "relative_change": -0.10}, "label": "lose weight", "source": "USPSTF 2018"},
              {"field": "ldl_chol", "target": {"at_most": 100}, "label": "lower LDL", "source": "ACC/AHA 2026"},
              {"field": "activity_min_week", "target": {"at_least": 150}, "label": "move", "source": "WHO 2020"}]
            """#
        return try RecommendationPolicy(data: Data((#"""
            {"format": "riskkit-policy", "version": 1, "policy_version": "w/1", "date": "2026-12-03",
             "title": "T", "disclaimer": "Test fixture.", "outcome": {"description": "o", "horizon_years": 10},
             "fields": {"age": {"type": "number", "unit": "years"}, "sex": {"type": "category"},
                        "smoker": {"type": "number", "unit": "0/1"}, "bmi": {"type": "number", "unit": "kg/m2"},
                        "ldl_chol": {"type": "number", "unit": "mg/dL"}, "activity_min_week": {"type": "number"}},
             "bands": [{"id": "all", "label": "All", "lower": 0, "upper": 1, "source": "s"}],
             "rules": [{"id": "L-1", "kind": "lifestyle", "when": {"field": "smoker", "equals": 1}, "text": "t",
                        "interval_months": null, "source": "g", "factor": "smoker"}]
            """# + (modifiable ? factors : "") + "}").utf8))
    }

    static func report(_ fields: [String: String], policy: RecommendationPolicy? = nil) throws -> PatientReport {
        let model = try model()
        return try PatientScorer(model: model, policy: policy ?? Self.policy()).report(PatientInput(model: model, fields: fields))
    }

    static let smoker54: [String: String] = [
        "age": "54", "sex": "M", "smoker": "1", "bmi": "31", "activity_min_week": "60", "ldl_chol": "160",
    ]

    @Test func eachFactorAndAllTogetherFollowTheLogisticFormula() throws {
        let report = try Self.report(Self.smoker54)
        let plan = try #require(report.whatIf)
        // η = −6 + 0.06·54 + 0.4 + 0.7 + 0.05·31 − 0.002·60 = −0.23.
        let eta = -6 + 0.06 * 54 + 0.4 + 0.7 + 0.05 * 31 - 0.002 * 60
        let now = Self.risk(eta)
        #expect(abs(report.score.risk - now) < 1e-12)
        // Smoking 1 → 0: Δη = −0.7; activity 60 → 150: −0.002·90 = −0.18; BMI 31 → max(25, 27.9) = 27.9:
        // 0.05·(−3.1) = −0.155. Largest reduction first; LDL is no model feature, so it is not in the plan.
        let expected: [(String, Double, Double, Double)] = [
            ("smoker", 1, 0, eta - 0.7), ("activity_min_week", 60, 150, eta - 0.18), ("bmi", 31, 27.9, eta - 0.155),
        ]
        #expect(plan.steps.map(\.factor) == expected.map(\.0))
        for (step, (_, current, target, changed)) in zip(plan.steps, expected) {
            #expect(step.current == current)
            #expect(abs(step.target - target) < 1e-12)
            #expect(abs(step.risk - Self.risk(changed)) < 1e-12)
            #expect(abs(step.absoluteReduction - (now - Self.risk(changed))) < 1e-12)
        }
        #expect(plan.steps.map(\.unit) == ["0/1", nil, "kg/m2"])
        #expect(plan.steps.map(\.label) == ["stop smoking", "move", "lose weight"])
        let combined = try #require(plan.combined)
        #expect(abs(combined.risk - Self.risk(eta - 1.035)) < 1e-12)
        #expect(abs(combined.absoluteReduction - (now - Self.risk(eta - 1.035))) < 1e-12)
        #expect(plan.imputed.isEmpty)
        // Risk age: −6 + 0.06·a + 0.4 + 0.05·27.9 − 0.002·150 = η  ⇔  a = 54 + 1.035/0.06 = 71.25.
        let riskAge = try #require(plan.riskAge.age)
        #expect(abs(riskAge - 71.25) < 1e-9)
        #expect(abs(Self.risk(-6 + 0.06 * riskAge + 0.4 + 0.05 * 27.9 - 0.002 * 150) - now) < 1e-12)
        #expect(plan.riskAge.actual == 54)
        #expect(plan.riskAge.reason == nil)
    }

    @Test func anImputedFactorIsLeftOutAndNamed() throws {
        var fields = Self.smoker54
        fields["bmi"] = ""
        let plan = try #require(try Self.report(fields).whatIf)
        // BMI imputed at its training mean 25 stays 25: η = −6 + 3.24 + 0.4 + 0.7 + 1.25 − 0.12 = −0.53.
        let eta = -6 + 0.06 * 54 + 0.4 + 0.7 + 0.05 * 25 - 0.002 * 60
        #expect(plan.steps.map(\.factor) == ["smoker", "activity_min_week"])
        #expect(abs(plan.steps[0].risk - Self.risk(eta - 0.7)) < 1e-12)
        #expect(abs(try #require(plan.combined).risk - Self.risk(eta - 0.88)) < 1e-12)
        #expect(plan.imputed == ["bmi"])
        #expect(abs(try #require(plan.riskAge.age) - (54 + 0.88 / 0.06)) < 1e-9)
    }

    @Test func riskAgeOutsideTheModelsAgeRangeIsNullWithItsReason() throws {
        var older = Self.smoker54
        older["age"] = "75"
        // 75 + 1.035/0.06 = 92.25, above the applicable 40–79.
        let plan = try #require(try Self.report(older).whatIf)
        #expect(plan.riskAge == RiskAge(age: nil, reason: "older than 79", actual: 75))
        // A 30-year-old is outside the model's applicable ages: not assessable, so no plan at all (a risk age below
        // the range needs an age below it: the risk age of someone off target is above their age).
        let healthy = ["age": "30", "sex": "F", "smoker": "0", "bmi": "24", "activity_min_week": "200"]
        #expect(try Self.report(healthy).notAssessable != nil)
        #expect(try Self.report(healthy).whatIf == nil)
        // Every factor on target: no step, and the risk age is the age.
        var onTargetFields = healthy
        onTargetFields["age"] = "50"
        let onTarget = try #require(try Self.report(onTargetFields).whatIf)
        #expect(onTarget.steps.isEmpty)
        #expect(onTarget.combined == nil)
        #expect(onTarget.riskAge == RiskAge(age: 50, reason: nil, actual: 50))
        // At 50 the same person's risk age is their age.
        var fifty = healthy
        fifty["age"] = "50"
        #expect(try Self.report(fifty).whatIf?.riskAge.age == 50)
        // Without age there is none: age is required, so the patient is not assessable; imputed on request
        // (research use), the plan has no risk age.
        var noAge = Self.smoker54
        noAge["age"] = ""
        #expect(try Self.report(noAge).whatIf == nil)
        let model = try Self.model()
        let imputing = PatientScorer(model: model, policy: try Self.policy(), allowImputation: true)
        #expect(try imputing.report(PatientInput(model: model, fields: noAge)).whatIf?.riskAge.reason == "age was not given (imputed)")
    }

    @Test func aPolicyWithoutModifiableFactorsAddsNoKeys() throws {
        let report = try Self.report(Self.smoker54, policy: try Self.policy(modifiable: false))
        #expect(report.whatIf == nil)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!json.contains("what_if") && !json.contains("risk_age"))
    }

    @Test func jsonLinesWithAPlanAreWhatJSONEncoderWrites() async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let model = try Self.model()
        let scorer = PatientScorer(model: model, policy: try Self.policy())
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/patients.csv"
        try """
            id,age,sex,smoker,bmi,activity_min_week,ldl_chol
            p1,54,M,1,31,60,160
            p2,75,F,1,,60,
            p3,50,F,0,24,200,90

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try await JSONLinesAgainstEncoder(scorer, path: path, encoder: encoder)
        #expect(check.lines.count == 3)
        #expect(check.lines == check.expected)
        let lines = check.texts
        #expect(lines[0].contains(#""what_if":[{"absolute_reduction":"#))
        #expect(lines[0].contains(#""factor":"smoker","label":"stop smoking","risk":"#))
        #expect(lines[1].contains(#""risk_age":null,"risk_age_reason":"older than 79""#))
        #expect(lines[1].contains(#""what_if_imputed":["bmi"]"#))
        #expect(lines[2].contains(#""what_if":[],"what_if_combined":null"#))
        #expect(lines.allSatisfy { $0.contains(#""what_if_note":"Model-based estimates"#) })
    }

    /// The shipped policies declare the issue's targets, each with a sourced guideline year.
    @Test func shippedPoliciesDeclareTheirModifiableFactors() throws {
        let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Models").path
        let cvd = try RecommendationPolicy.load(path: models + "/default-policy.json")
        #expect(cvd.modifiable.map(\.field) == ["smoker", "bmi", "systolic_bp", "ldl_chol", "activity_min_week",
                                                "alcohol_drinks_week", "alcohol_drinks_week"])
        #expect(cvd.modifiable.map(\.target) == [
            .value(0), .atMost(25, relativeChange: -0.10), .atMost(120, relativeChange: nil), .atMost(100, relativeChange: nil),
            .atLeast(150, relativeChange: nil), .atMost(14, relativeChange: nil), .atMost(7, relativeChange: nil),
        ])
        // Alcohol limits by sex, as rule LS-04 reads them: a man at 10 drinks a week is within his, a woman is not.
        #expect(cvd.offTargetFactors(values: ["sex": .text("M"), "alcohol_drinks_week": .number(10)]).isEmpty)
        #expect(cvd.offTargetFactors(values: ["sex": .text("F"), "alcohol_drinks_week": .number(10)]).map(\.target) == [7])
        let t2d = try RecommendationPolicy.load(path: models + "/t2d-policy.json")
        #expect(t2d.modifiable.map(\.field) == ["bmi", "activity_min_week"])
        for factor in cvd.modifiable + t2d.modifiable {
            #expect(factor.source.contains(/(19|20)\d\d/), "\(factor.field) source has no year")
        }
    }
}
