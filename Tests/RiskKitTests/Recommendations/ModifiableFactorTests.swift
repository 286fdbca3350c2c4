import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitRecommendations

/// A policy's `modifiable` factors: target semantics (hand-computed) and which factors are off target for a
/// patient.
@Suite struct ModifiableFactorTests {
    @Test(arguments: [
        // (target, value, expected target value or nil when on target)
        (ModifiableTarget.value(0), 1.0, 0.0 as Double?), (.value(0), 0, nil),
        (.atMost(120, relativeChange: nil), 150, 120), (.atMost(120, relativeChange: nil), 120, nil),
        // BMI to 25 or −10 %: 35 → max(25, 31.5) = 31.5; 27 → max(25, 24.3) = 25; 25 is on target.
        (.atMost(25, relativeChange: -0.1), 35, 31.5), (.atMost(25, relativeChange: -0.1), 27, 25),
        (.atMost(25, relativeChange: -0.1), 25, nil),
        (.atLeast(150, relativeChange: nil), 60, 150), (.atLeast(150, relativeChange: nil), 200, nil),
        // +50 % toward 150: 60 → min(150, 90) = 90; 120 → min(150, 180) = 150.
        (.atLeast(150, relativeChange: 0.5), 60, 90), (.atLeast(150, relativeChange: 0.5), 120, 150),
        (.relative(-0.5), 8, 4), (.relative(-0.5), 0, nil), (.value(0), .nan, nil),
    ])
    func targets(target: ModifiableTarget, value: Double, expected: Double?) {
        let result = target.target(for: value)
        #expect(result == expected || (result != nil && expected != nil && abs(result! - expected!) < 1e-12))
    }

    static func policy(_ modifiable: [[String: Any]]) throws -> RecommendationPolicy {
        try PolicyKeysTests.load {
            PolicyKeysTests.setField(&$0, "smoker", ["type": "number", "unit": "0/1"])
            PolicyKeysTests.setField(&$0, "alcohol", ["type": "number", "unit": "drinks/week"])
            $0["modifiable"] = modifiable
        }
    }

    static func factors() -> [[String: Any]] { [
        ["field": "smoker", "target": ["equals": 0], "label": "stop smoking", "source": "USPSTF 2021"],
        ["field": "bmi", "target": ["at_most": 25, "relative_change": -0.10], "label": "lose weight", "source": "USPSTF 2018"],
        ["field": "alcohol", "when": ["field": "sex", "equals": "M"], "target": ["at_most": 14],
         "label": "drink within limits", "source": "DGA 2020"],
        ["field": "alcohol", "when": ["field": "sex", "equals": "F"], "target": ["at_most": 7],
         "label": "drink within limits", "source": "DGA 2020"],
    ] }

    @Test func parsedAndAppliedPerPatient() throws {
        let policy = try Self.policy(Self.factors())
        #expect(policy.modifiable.count == 4)
        #expect(policy.modifiable[1].target == .atMost(25, relativeChange: -0.10))
        let woman = policy.offTargetFactors(values: [
            "sex": .text("F"), "smoker": .number(1), "bmi": .number(30), "alcohol": .number(10),
        ])
        // Smoker 1 → 0; BMI 30 → max(25, 27) = 27; alcohol 10 > 7 for a woman → 7 (the second entry).
        #expect(woman.map(\.field) == ["smoker", "bmi", "alcohol"])
        #expect(woman.map(\.factor) == [0, 1, 3])
        #expect(woman[0].current == 1 && woman[0].target == 0)
        #expect(abs(woman[1].target - 27) < 1e-12)
        #expect(woman[2].target == 7)
        // A man drinking 10 is within his limit; missing BMI and unknown sex leave those factors out.
        let man = policy.offTargetFactors(values: ["sex": .text("M"), "smoker": .number(0), "alcohol": .number(10)])
        #expect(man.isEmpty)
        #expect(policy.offTargetFactors(values: ["alcohol": .number(30)]).isEmpty)
    }

    @Test func invalidFactorsAreRefused() throws {
        func error(_ factor: [String: Any]) throws -> String? {
            try PolicyValidationTests.error { $0["modifiable"] = [factor] }
        }
        let base: [String: Any] = ["field": "bmi", "target": ["at_most": 25], "label": "x", "source": "y"]
        #expect(try error(base) == nil)
        #expect(try error(base.merging(["field": "sex"]) { $1 })
                == "test.json: modifiable[0].field: `sex` is not a `number` field declared under `fields`")
        #expect(try error(base.merging(["target": ["at_most": 25, "at_least": 20]]) { $1 })
                == "test.json: modifiable[0].target: expected only one of `equals`, `at_most`, `at_least`")
        #expect(try error(base.merging(["target": ["at_most": 25, "relative_change": 0.1]]) { $1 })
                == "test.json: modifiable[0].target.relative_change: must be negative with `at_most` (a decrease toward the bound)")
        #expect(try error(base.merging(["target": ["equals": 0, "relative_change": -0.1]]) { $1 })
                == "test.json: modifiable[0].target: `equals` cannot have a `relative_change`")
        #expect(try error(base.merging(["target": [String: Any]()]) { $1 })
                == "test.json: modifiable[0].target: expected one of `equals`, `at_most`, `at_least`, or `relative_change`")
        #expect(try error(base.merging(["when": ["risk": ["at_least": 0.1]]]) { $1 })
                == "test.json: modifiable[0].when: a modifiable factor's condition may test fields only, not the risk or its band")
        var noSource = base
        noSource["source"] = nil
        #expect(try error(noSource) == "test.json: modifiable[0]: missing required key `source`")
    }
}
