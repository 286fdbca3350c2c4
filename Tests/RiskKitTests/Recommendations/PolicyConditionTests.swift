import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitRecommendations

/// The condition language on a small inline policy: each operator at its edges, and three-valued logic with
/// missing values. Expected results follow from the operator definitions (`between` includes both ends,
/// `above`/`below` are strict) and Kleene's truth tables for `all`/`any`.
@Suite struct PolicyConditionTests {
    static let json = """
    {
      "format": "riskkit-policy", "version": 1, "policy_version": "t", "date": "2026-11-25",
      "title": "t", "disclaimer": "test only",
      "outcome": {"description": "t", "horizon_years": 5},
      "fields": {
        "x": {"type": "number"}, "y": {"type": "number"},
        "g": {"type": "category", "levels": ["a", "b", "c"]}, "free": {"type": "category"}
      },
      "definitions": {"x_or_y": {"any": [{"field": "x", "equals": 1}, {"field": "y", "equals": 1}]}},
      "bands": [
        {"id": "lo", "label": "lo", "lower": 0, "upper": 0.3, "source": "t 2026"},
        {"id": "mid", "label": "mid", "lower": 0.3, "upper": 0.6, "source": "t 2026"},
        {"id": "hi", "label": "hi", "lower": 0.6, "upper": 1, "source": "t 2026"}
      ],
      "rules": [
        {"id": "BETWEEN", "kind": "screening", "when": {"field": "x", "between": [2, 4]},
         "text": "t", "interval_months": null, "source": "t 2026"},
        {"id": "STRICT", "kind": "screening", "when": {"field": "x", "above": 2, "below": 4},
         "text": "t", "interval_months": null, "source": "t 2026"},
        {"id": "AT-MOST", "kind": "screening", "when": {"field": "x", "at_most": 2},
         "text": "t", "interval_months": null, "source": "t 2026"},
        {"id": "IN-NUM", "kind": "screening", "when": {"field": "x", "in": [1, 3]},
         "text": "t", "interval_months": null, "source": "t 2026"},
        {"id": "IN-CAT", "kind": "screening", "when": {"field": "g", "in": ["a", "c"]},
         "text": "t", "interval_months": null, "source": "t 2026"},
        {"id": "FREE", "kind": "screening", "when": {"field": "free", "equals": "z"},
         "text": "t", "interval_months": null, "source": "t 2026"},
        {"id": "DEF", "kind": "screening", "when": {"is": "x_or_y"},
         "text": "t", "interval_months": null, "source": "t 2026"},
        {"id": "BAND", "kind": "screening", "when": {"band": {"equals": "mid"}},
         "text": "t", "interval_months": null, "source": "t 2026"},
        {"id": "RISK", "kind": "screening", "when": {"risk": {"between": [0.3, 0.5]}},
         "text": "t", "interval_months": null, "source": "t 2026"}
      ]
    }
    """

    static func fired(risk: Double = 0.1, _ values: [String: FieldValue]) throws -> [String] {
        let policy = try RecommendationPolicy(data: Data(json.utf8))
        return policy.recommend(risk: risk, values: values).recommendations.map(\.rule)
    }

    static func skipped(_ values: [String: FieldValue]) throws -> [String] {
        let policy = try RecommendationPolicy(data: Data(json.utf8))
        return policy.recommend(risk: 0.1, values: values).skipped.map(\.rule)
    }

    /// x → (between [2, 4], above 2 and below 4, at_most 2).
    @Test(arguments: [
        (1.9, false, false, true),
        (2.0, true, false, true),
        (3.0, true, true, false),
        (4.0, true, false, false),
        (4.1, false, false, false),
    ])
    func numericOperators(x: Double, between: Bool, strict: Bool, atMost: Bool) throws {
        let rules = try Self.fired(["x": .number(x), "y": .number(0), "g": .text("b"), "free": .text("q")])
        #expect(rules.contains("BETWEEN") == between)
        #expect(rules.contains("STRICT") == strict)
        #expect(rules.contains("AT-MOST") == atMost)
        #expect(rules.contains("IN-NUM") == (x == 1 || x == 3))
    }

    @Test func categoryOperators() throws {
        #expect(try Self.fired(["g": .text("a")]).contains("IN-CAT"))
        #expect(try Self.fired(["g": .text("c")]).contains("IN-CAT"))
        #expect(try !Self.fired(["g": .text("b")]).contains("IN-CAT"))
        // Labels are matched exactly: a level the field does not declare is reported, not silently false.
        #expect(try Self.skipped(["g": .text("A")]).contains("IN-CAT"))
        // A category without declared levels accepts any label.
        #expect(try Self.fired(["free": .text("z")]).contains("FREE"))
        #expect(try !Self.skipped(["free": .text("anything")]).contains("FREE"))
    }

    /// Kleene logic: any(true, unknown) = true; any(false, unknown) = unknown; any(false, false) = false.
    @Test func threeValuedLogic() throws {
        #expect(try Self.fired(["x": .number(1)]).contains("DEF"))
        #expect(try Self.skipped(["x": .number(0)]).contains("DEF"))
        #expect(try Self.skipped(["x": .number(0), "y": .missing]).contains("DEF"))
        let both = try Self.fired(["x": .number(0), "y": .number(0)])
        #expect(!both.contains("DEF"))
        #expect(try !Self.skipped(["x": .number(0), "y": .number(0)]).contains("DEF"))
    }

    /// Band and risk clauses: a risk on a band boundary is in the higher band; `between` includes both ends.
    @Test func bandAndRiskClauses() throws {
        #expect(try !Self.fired(risk: 0.2999, [:]).contains("BAND"))
        #expect(try Self.fired(risk: 0.3, [:]).contains("BAND"))
        #expect(try Self.fired(risk: 0.5999, [:]).contains("BAND"))
        #expect(try !Self.fired(risk: 0.6, [:]).contains("BAND"))
        #expect(try Self.fired(risk: 0.3, [:]).contains("RISK"))
        #expect(try Self.fired(risk: 0.5, [:]).contains("RISK"))
        #expect(try !Self.fired(risk: 0.5001, [:]).contains("RISK"))
        let policy = try RecommendationPolicy(data: Data(Self.json.utf8))
        #expect(policy.band(for: 0.3).id == "mid")
        #expect(policy.band(for: 1).id == "hi")
        #expect(policy.recommend(risk: 0.6, values: [:]).band.id == "hi")
    }
}
