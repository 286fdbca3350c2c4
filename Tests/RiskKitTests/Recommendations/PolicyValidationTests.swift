import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

/// Loading rejects malformed policies with a `DataError` naming the JSON path (and rule id) of the problem.
///
/// Every case starts from a small valid policy and breaks one thing; the expected message fragments are the
/// path of the broken element, fixed by the policy format (not computed).
@Suite struct PolicyValidationTests {
    /// A valid two-band, two-rule policy as a JSON object.
    static func base() -> [String: Any] {
        [
            "format": "riskkit-policy", "version": 1, "policy_version": "test.1", "date": "2026-11-25",
            "title": "Test", "disclaimer": "Test only.",
            "outcome": ["description": "synthetic", "horizon_years": 10],
            "fields": [
                "age": ["type": "number", "unit": "years"],
                "sex": ["type": "category", "levels": ["F", "M"]],
                "bmi": ["type": "number"],
            ],
            "bands": [
                ["id": "low", "label": "Low", "lower": 0, "upper": 0.1, "source": "Test 2026"],
                ["id": "high", "label": "High", "lower": 0.1, "upper": 1, "source": "Test 2026"],
            ],
            "rules": [
                ["id": "T-01", "kind": "screening",
                 "when": ["all": [["field": "age", "at_least": 40], ["field": "sex", "equals": "F"]]],
                 "text": "Screen.", "interval_months": 12, "source": "Test 2026, grade A"],
                ["id": "T-02", "kind": "lifestyle", "when": ["field": "bmi", "at_least": 30],
                 "text": "Lose weight.", "interval_months": NSNull(), "source": "Test 2026, grade B",
                 "factor": "bmi"],
            ],
        ]
    }

    /// The message of the `DataError` thrown for `base()` changed by `change`, or `nil` if it loads.
    static func error(_ change: (inout [String: Any]) -> Void) throws -> String? {
        var policy = base()
        change(&policy)
        let data = try JSONSerialization.data(withJSONObject: policy)
        do {
            _ = try RecommendationPolicy(data: data, file: "test.json")
            return nil
        } catch let error as DataError {
            #expect(error.file == "test.json")
            return error.description
        }
    }

    /// Replaces member `key` of rule `index`.
    static func setRule(_ policy: inout [String: Any], _ index: Int, _ key: String, _ value: Any?) {
        var rules = policy["rules"] as! [[String: Any]]
        rules[index][key] = value
        policy["rules"] = rules
    }

    /// Replaces member `key` of band `index`.
    static func setBand(_ policy: inout [String: Any], _ index: Int, _ key: String, _ value: Any) {
        var bands = policy["bands"] as! [[String: Any]]
        bands[index][key] = value
        policy["bands"] = bands
    }

    @Test func baseLoads() throws {
        #expect(try Self.error { _ in } == nil)
    }

    @Test func unknownKeys() throws {
        let top = try #require(try Self.error { $0["author"] = "x" })
        #expect(top.contains("unknown key `author`"))
        let rule = try #require(try Self.error { Self.setRule(&$0, 1, "intervals", 3) })
        #expect(rule.contains("rules[1] (T-02): unknown key `intervals`"))
        let band = try #require(try Self.error { Self.setBand(&$0, 0, "colour", "green") })
        #expect(band.contains("bands[0]: unknown key `colour`"))
    }

    @Test func duplicateRuleID() throws {
        let message = try #require(try Self.error { Self.setRule(&$0, 1, "id", "T-01") })
        #expect(message.contains("rules[1] (T-01): duplicate rule id `T-01` (first used by rules[0])"))
    }

    @Test func missingOrEmptySource() throws {
        let missing = try #require(try Self.error { Self.setRule(&$0, 0, "source", nil) })
        #expect(missing == "test.json: rules[0] (T-01): missing required key `source`")
        let empty = try #require(try Self.error { Self.setRule(&$0, 1, "source", "  ") })
        #expect(empty.contains("rules[1] (T-02).source: must not be empty"))
        let band = try #require(try Self.error { Self.setBand(&$0, 1, "source", 2026) })
        #expect(band.contains("bands[1].source: expected a string, found a number"))
    }

    @Test func bandsMustTileZeroToOne() throws {
        let gap = try #require(try Self.error { Self.setBand(&$0, 1, "lower", 0.2) })
        #expect(gap.contains("bands[1] (high): gap: risks in [0.1, 0.2) belong to no band"))
        let overlap = try #require(try Self.error { Self.setBand(&$0, 1, "lower", 0.05) })
        #expect(overlap.contains("bands[1] (high): overlaps band `low`"))
        let start = try #require(try Self.error { Self.setBand(&$0, 0, "lower", 0.01) })
        #expect(start.contains("bands[0] (low): the first band must start at 0"))
        let end = try #require(try Self.error { Self.setBand(&$0, 1, "upper", 0.99) })
        #expect(end.contains("bands[1] (high): the last band must end at 1"))
        let empty = try #require(try Self.error { Self.setBand(&$0, 0, "upper", 0) })
        #expect(empty.contains("bands[0] (low): lower bound 0.0 must be below upper bound 0.0"))
        let duplicate = try #require(try Self.error { Self.setBand(&$0, 1, "id", "low") })
        #expect(duplicate.contains("bands[1]: duplicate band id `low`"))
    }

    @Test func unknownClauseOperator() throws {
        let message = try #require(try Self.error {
            Self.setRule(&$0, 0, "when", ["all": [["field": "age", "greater_than": 40]]])
        })
        #expect(message.contains("rules[0] (T-01).when.all[0]: unknown operator `greater_than`"))
        let head = try #require(try Self.error { Self.setRule(&$0, 0, "when", ["none": []]) })
        #expect(head.contains("rules[0] (T-01).when: a condition must have exactly one of"))
        let twoHeads = try #require(try Self.error {
            Self.setRule(&$0, 0, "when", ["all": [["risk": ["at_least": 0.1]]], "any": [["risk": ["at_least": 0.1]]]])
        })
        #expect(twoHeads.contains("rules[0] (T-01).when: a condition must have exactly one of"))
        let emptyList = try #require(try Self.error { Self.setRule(&$0, 0, "when", ["any": []]) })
        #expect(emptyList.contains("rules[0] (T-01).when.any: must list at least one condition"))
    }

    @Test func wrongTypes() throws {
        let interval = try #require(try Self.error { Self.setRule(&$0, 0, "interval_months", "12") })
        #expect(interval.contains("rules[0] (T-01).interval_months: expected a number, found a string"))
        let fraction = try #require(try Self.error { Self.setRule(&$0, 0, "interval_months", 1.5) })
        #expect(fraction.contains("rules[0] (T-01).interval_months: expected a whole number"))
        let kind = try #require(try Self.error { Self.setRule(&$0, 0, "kind", "diagnosis") })
        #expect(kind.contains("rules[0] (T-01).kind: unknown kind `diagnosis`"))
        let bound = try #require(try Self.error {
            Self.setRule(&$0, 0, "when", ["field": "age", "at_least": "40"])
        })
        #expect(bound.contains("rules[0] (T-01).when.at_least: expected a number, found a string"))
        let flag = try #require(try Self.error { Self.setRule(&$0, 0, "when", ["field": "bmi", "equals": true]) })
        #expect(flag.contains("rules[0] (T-01).when.equals: expected a number for `bmi`, found a boolean"))
        let category = try #require(try Self.error { Self.setRule(&$0, 0, "when", ["field": "sex", "at_least": 1]) })
        #expect(category.contains("rules[0] (T-01).when.at_least: `sex` is a category; use `equals` or `in`"))
        let level = try #require(try Self.error { Self.setRule(&$0, 0, "when", ["field": "sex", "in": ["F", "W"]]) })
        #expect(level.contains("rules[0] (T-01).when.in[1]: `W` is not a level of `sex`"))
        let between = try #require(try Self.error {
            Self.setRule(&$0, 0, "when", ["field": "age", "between": [75, 40]])
        })
        #expect(between.contains("rules[0] (T-01).when.between: lower 75.0 is above upper 40.0"))
        let version = try #require(try Self.error { $0["version"] = "1" })
        #expect(version.contains("version: expected a number, found a string"))
        let notObject = try #require(try Self.error { $0["rules"] = [["id": "T-09"], 3] })
        #expect(notObject.contains("rules[0] (T-09): missing required key"))
    }

    @Test func referencesMustResolve() throws {
        let field = try #require(try Self.error { Self.setRule(&$0, 0, "when", ["field": "ldl", "at_least": 190]) })
        #expect(field.contains("rules[0] (T-01).when.field: `ldl` is not a field declared under `fields`"))
        let band = try #require(try Self.error { Self.setRule(&$0, 0, "when", ["band": ["in": ["medium"]]]) })
        #expect(band.contains("rules[0] (T-01).when.band: unknown band `medium`"))
        let risk = try #require(try Self.error { Self.setRule(&$0, 0, "when", ["risk": ["at_least": 10]]) })
        #expect(risk.contains("rules[0] (T-01).when.risk: risk bound 10.0 is not a probability"))
        let definition = try #require(try Self.error { Self.setRule(&$0, 0, "when", ["is": "obesity"]) })
        #expect(definition.contains("rules[0] (T-01).when.is: unknown definition `obesity`"))
        let factor = try #require(try Self.error { Self.setRule(&$0, 0, "factor", "age") })
        #expect(factor.contains("rules[0] (T-01).factor: only lifestyle rules have a factor"))
        let nested = try #require(try Self.error {
            $0["definitions"] = ["a": ["field": "age", "at_least": 1], "b": ["is": "a"]]
        })
        #expect(nested.contains("definitions.b.is: a definition cannot refer to another definition"))
    }

    @Test func formatAndVersion() throws {
        let format = try #require(try Self.error { $0["format"] = "riskkit-model" })
        #expect(format == "test.json: format: expected `riskkit-policy`, found `riskkit-model`")
        let version = try #require(try Self.error { $0["version"] = 2 })
        #expect(version.contains("reads policy schema version 1, the file has version 2"))
        let date = try #require(try Self.error { $0["date"] = "25/11/2026" })
        #expect(date.contains("date: expected a date as YYYY-MM-DD"))
    }

    @Test func duplicateKeys() throws {
        let text = """
        {"format": "riskkit-policy", "version": 1,
         "rules": [{"id": "T-01", "text": "a \\"when\\" b", "when": {}, "kind": "x",
                    "when": {}}]}
        """
        do {
            _ = try RecommendationPolicy(data: Data(text.utf8), file: "dup.json")
            Issue.record("a policy with a repeated key loaded")
        } catch let error as DataError {
            #expect(error.description == "dup.json:3: key `when` appears twice in the same object; keep one")
        }
        // The same key in different objects, and key-like text inside strings or arrays, is fine.
        #expect(try Self.error { _ in } == nil)
    }

    @Test func invalidJSON() {
        do {
            _ = try RecommendationPolicy(data: Data("{\"format\": ".utf8), file: "broken.json")
            Issue.record("truncated JSON loaded")
        } catch let error as DataError {
            #expect(error.description.hasPrefix("broken.json: not valid JSON ("))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func fileErrors() throws {
        let url = try #require(Bundle.module.url(forResource: "policy-bands-gap", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        do {
            _ = try RecommendationPolicy.load(path: url.path)
            Issue.record("a policy with a gap between bands loaded")
        } catch let error as DataError {
            #expect(error.description.hasPrefix(url.path + ": bands[1] (high): gap: risks in [0.05, 0.075)"))
        }
        let missing = url.deletingLastPathComponent().appendingPathComponent("policy-no-such-file.json").path
        #expect(throws: InputFileError(path: missing, reason: "No such file or directory")) {
            try RecommendationPolicy.load(path: missing)
        }
        let minimal = try #require(Bundle.module.url(forResource: "policy-minimal", withExtension: "json",
                                                     subdirectory: "Fixtures"))
        let policy = try RecommendationPolicy.load(path: minimal.path)
        #expect(policy.rules.map(\.id) == ["T-01", "T-02"])
        #expect(policy.rules[0].intervalMonths == 12 && policy.rules[1].intervalMonths == nil)
    }
}
