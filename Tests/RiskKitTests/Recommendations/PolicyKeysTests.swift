import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitRecommendations

/// The optional policy keys added for clinical scoring: `plausible`, `outcome.label`, `date` fields,
/// `last_done_field`, `overrides` and `modifiable`. Files without them load as before; each is validated with a
/// message naming the JSON path. Expected messages are the paths fixed by the format.
@Suite struct PolicyKeysTests {
    /// `PolicyValidationTests.base()` changed by `change`, loaded.
    static func load(_ change: (inout [String: Any]) -> Void) throws -> RecommendationPolicy {
        var policy = PolicyValidationTests.base()
        change(&policy)
        return try RecommendationPolicy(data: try JSONSerialization.data(withJSONObject: policy), file: "test.json")
    }

    static func setField(_ policy: inout [String: Any], _ name: String, _ value: [String: Any]) {
        var fields = policy["fields"] as! [String: Any]
        fields[name] = value
        policy["fields"] = fields
    }

    static func addRule(_ policy: inout [String: Any], _ rule: [String: Any]) {
        var rules = policy["rules"] as! [[String: Any]]
        rules.append(rule)
        policy["rules"] = rules
    }

    static func setOutcome(_ policy: inout [String: Any], _ key: String, _ value: Any) {
        var outcome = policy["outcome"] as! [String: Any]
        outcome[key] = value
        policy["outcome"] = outcome
    }

    @Test func filesWithoutTheNewKeysDeclareNothing() throws {
        let policy = try Self.load { _ in }
        #expect(policy.outcome.label == nil)
        #expect(policy.fields.allSatisfy { $0.plausible == nil })
        #expect(policy.rules.allSatisfy { $0.overrides.isEmpty && $0.lastDoneField == nil })
        #expect(policy.modifiable.isEmpty)
        let shipped = try RecommendationPolicy.load(path: DefaultPolicyTests.policyPath)
        #expect(shipped.outcome.horizonYears == 10)
    }

    @Test func plausibleRanges() throws {
        let policy = try Self.load {
            Self.setField(&$0, "age", ["type": "number", "unit": "years", "plausible": [0, 120]])
        }
        #expect(policy.fields.first { $0.name == "age" }?.plausible == ValueRange(lower: 0, upper: 120))
        #expect(policy.fields.first { $0.name == "bmi" }?.plausible == nil)

        let category = try PolicyValidationTests.error {
            Self.setField(&$0, "sex", ["type": "category", "levels": ["F", "M"], "plausible": [0, 1]])
        }
        #expect(category == "test.json: fields.sex.plausible: only a `number` field has a plausible range")
        let reversed = try PolicyValidationTests.error { Self.setField(&$0, "age", ["type": "number", "plausible": [120, 0]]) }
        #expect(reversed == "test.json: fields.age.plausible: lowest 120 must be below highest 0")
        let single = try PolicyValidationTests.error { Self.setField(&$0, "age", ["type": "number", "plausible": [120]]) }
        #expect(single == "test.json: fields.age.plausible: expected [lowest, highest] (two numbers)")
    }

    @Test func outcomeLabel() throws {
        let policy = try Self.load { Self.setOutcome(&$0, "label", "first ASCVD event") }
        #expect(policy.outcome.label == "first ASCVD event")
        let empty = try PolicyValidationTests.error { Self.setOutcome(&$0, "label", " ") }
        #expect(empty == "test.json: outcome.label: must not be empty")
        let unknown = try PolicyValidationTests.error { Self.setOutcome(&$0, "id", "x") }
        #expect(unknown?.contains("outcome: unknown key `id`") == true)
    }

    @Test func dateFieldsAreReadOnlyThroughLastDoneField() throws {
        let mammogram: [String: Any] = ["type": "date", "description": "date of the last mammogram"]
        let screening: [String: Any] = [
            "id": "T-03", "kind": "screening", "when": ["field": "age", "at_least": 50], "text": "Mammogram.",
            "interval_months": 24, "source": "Test 2026", "last_done_field": "last_mammogram",
        ]
        let policy = try Self.load {
            Self.setField(&$0, "last_mammogram", mammogram)
            Self.addRule(&$0, screening)
        }
        #expect(policy.rules[2].lastDoneField == "last_mammogram")
        #expect(policy.fields.first { $0.name == "last_mammogram" }?.type == .date)

        let tested = try PolicyValidationTests.error {
            Self.setField(&$0, "last_mammogram", mammogram)
            Self.setRule(&$0, 0, "when", ["field": "last_mammogram", "equals": "2020-01-01"])
        }
        #expect(tested?.hasPrefix("test.json: rules[0] (T-01).when.field: `last_mammogram` is a `date` field") == true)
        let notDate = try PolicyValidationTests.error { Self.addRule(&$0, screening.merging(["last_done_field": "age"]) { $1 }) }
        #expect(notDate == "test.json: rules[2] (T-03).last_done_field: `age` is not a `date` field declared under `fields`")
        let noInterval = try PolicyValidationTests.error {
            Self.setField(&$0, "last_mammogram", mammogram)
            Self.addRule(&$0, screening.merging(["interval_months": NSNull()]) { $1 })
        }
        #expect(noInterval == "test.json: rules[2] (T-03).last_done_field: a due date needs `interval_months`; this rule sets none")
    }

    static func setRule(_ policy: inout [String: Any], _ index: Int, _ key: String, _ value: Any?) {
        PolicyValidationTests.setRule(&policy, index, key, value)
    }

    /// A BRCA-style rule that replaces the average-risk rule T-01 (F, age ≥ 40) for carriers.
    static func carrierPolicy() throws -> RecommendationPolicy {
        try load {
            setField(&$0, "brca1", ["type": "number", "unit": "0/1"])
            addRule(&$0, ["id": "T-03", "kind": "screening", "when": ["field": "brca1", "equals": 1],
                          "text": "Annual MRI.", "interval_months": 12, "source": "NCCN", "overrides": ["T-01"]])
        }
    }

    @Test func overridingRuleReplacesTheRulesItNames() throws {
        let policy = try Self.carrierPolicy()
        #expect(policy.rules[2].overrides == ["T-01"])
        let woman: [String: FieldValue] = ["age": .number(45), "sex": .text("F"), "bmi": .number(22)]
        func fired(_ brca1: FieldValue) -> [String] {
            policy.recommend(risk: 0.05, values: woman.merging(["brca1": brca1]) { $1 }).recommendations.map(\.rule)
        }
        #expect(fired(.number(1)) == ["T-03"])
        let carrier = policy.recommend(risk: 0.05, values: woman.merging(["brca1": .number(1)]) { $1 })
        #expect(carrier.recommendations[0].overrides == ["T-01"])
        #expect(String(decoding: try JSONEncoder().encode(carrier.recommendations[0]), as: UTF8.self).contains("\"overrides\":[\"T-01\"]"))
        #expect(fired(.number(0)) == ["T-01"])
        // Unknown carrier status: the override did not fire, so average-risk screening stays, T-03 is skipped.
        let unknown = policy.recommend(risk: 0.05, values: woman)
        #expect(unknown.recommendations.map(\.rule) == ["T-01"])
        #expect(unknown.skipped.map(\.rule) == ["T-03"])
    }

    @Test func overridesAreValidated() throws {
        func rule(_ id: String, overrides: [Any]) -> [String: Any] {
            ["id": id, "kind": "counseling", "when": ["field": "age", "at_least": 18], "text": "x",
             "interval_months": NSNull(), "source": "Test", "overrides": overrides]
        }
        // An id this policy does not have names a rule of another policy of the care plan.
        #expect(try PolicyValidationTests.error { Self.addRule(&$0, rule("T-03", overrides: ["CRC-01"])) } == nil)
        let itself = try PolicyValidationTests.error { Self.addRule(&$0, rule("T-03", overrides: ["T-03"])) }
        #expect(itself == "test.json: rules[2] (T-03).overrides: a rule cannot override itself")
        let chain = try PolicyValidationTests.error {
            Self.addRule(&$0, rule("T-03", overrides: ["T-01"]))
            Self.addRule(&$0, rule("T-04", overrides: ["T-03"]))
        }
        #expect(chain == "test.json: rules[2] (T-03).overrides: `T-03` is itself overridden by another rule; overrides go one level deep")
        let number = try PolicyValidationTests.error { Self.addRule(&$0, rule("T-03", overrides: [1])) }
        #expect(number == "test.json: rules[2] (T-03).overrides[0]: expected a rule id, found a number")
    }

    @Test func rulesThatNeedNoRiskApplyWithoutOne() throws {
        var policy = PolicyValidationTests.base()
        Self.addRule(&policy, ["id": "T-03", "kind": "therapy", "when": ["risk": ["at_least": 0.1]],
                               "text": "Statin.", "interval_months": NSNull(), "source": "Test"])
        let loaded = try RecommendationPolicy(data: try JSONSerialization.data(withJSONObject: policy))
        let (recommendations, skipped) = loaded.recommendWithoutRisk(
            values: ["age": .number(45), "sex": .text("F"), "bmi": .number(31)])
        #expect(recommendations.map(\.rule) == ["T-01", "T-02"])
        #expect(skipped == [SkippedRule(rule: "T-03", fields: [], reason: "needs the risk: not assessable")])
    }
}
