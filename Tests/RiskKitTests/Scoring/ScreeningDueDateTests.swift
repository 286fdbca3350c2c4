import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring

/// Due dates on the batch (block) path: date cells read once per patient, JSON Lines written directly with the
/// same bytes as `JSONEncoder`, and the same recommendations as the policy applied to one patient.
@Suite struct ScreeningDueDateTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    /// Hand-computed: interval added in calendar months, a day past the month's end clamped to its last day.
    @Test(arguments: [
        ("2024-01-31", 1, "2024-03-01", "2024-02-29", true), ("2024-01-31", 1, "2024-02-29", "2024-02-29", false),
        ("2023-01-31", 1, "2023-02-28", "2023-02-28", false), ("2024-02-29", 12, "2025-03-01", "2025-02-28", true),
        ("2024-02-29", 48, "2027-01-01", "2028-02-29", false), ("2023-12-04", 36, "2026-12-03", "2026-12-04", false),
        ("2025-08-31", 6, "2026-03-01", "2026-02-28", true),
    ])
    func dueDate(last: String, months: Int, asOf: String, due: String, overdue: Bool) throws {
        let result = try #require(Recommendation.due(lastDone: .date(Self.date(last)), intervalMonths: months, asOf: Self.date(asOf)))
        #expect(result.lastDone == Self.date(last))
        #expect(result.due.description == due)
        #expect(result.overdue == overdue)
    }

    @Test func neverRecordedIsDueNowAndOtherCellsSetNothing() throws {
        let asOf = Self.date("2026-12-03")
        for cell in [PolicyCell.absent, .missing] {
            let result = try #require(Recommendation.due(lastDone: cell, intervalMonths: 24, asOf: asOf))
            #expect(result.lastDone == nil && result.due == asOf && !result.overdue)
        }
        #expect(Recommendation.due(lastDone: .unusable, intervalMonths: 24, asOf: asOf) == nil)
        #expect(Recommendation.due(lastDone: .number(3), intervalMonths: 24, asOf: asOf) == nil)
    }

    /// A date field becomes a date cell; other text in it is unusable, with the reason.
    @Test func dateFieldsBecomeDateCells() throws {
        let policy = try Self.policy()
        let k = try #require(policy.fields.firstIndex { $0.name == "last_test" })
        #expect(policy.cell(field: k, for: .text("2024-02-29")).0 == .date(Self.date("2024-02-29")))
        let (cell, problem) = policy.cell(field: k, for: .text("2024-02-30"))
        #expect(cell == .unusable && problem?.reason == "is `2024-02-30`, expected a date YYYY-MM-DD")
    }

    /// A policy whose screening rule reads `last_test` and whose therapy rule overrides another policy's rule.
    static func policy() throws -> RecommendationPolicy {
        try RecommendationPolicy(data: Data(#"""
            {"format": "riskkit-policy", "version": 1, "policy_version": "t/1", "date": "2026-11-25",
             "title": "T", "disclaimer": "Test fixture.", "outcome": {"description": "o", "horizon_years": 10},
             "fields": {"a": {"type": "number"}, "sex": {"type": "category"}, "last_test": {"type": "date"}},
             "bands": [{"id": "low", "label": "Low", "lower": 0, "upper": 0.5, "source": "s"},
                       {"id": "high", "label": "High", "lower": 0.5, "upper": 1, "source": "s"}],
             "rules": [
               {"id": "S-1", "kind": "screening", "when": {"field": "sex", "equals": "F"}, "text": "Test \"now\"",
                "interval_months": 12, "source": "g", "note": "n", "last_done_field": "last_test"},
               {"id": "S-2", "kind": "screening", "when": {"field": "sex", "equals": "F"}, "text": "Other",
                "interval_months": 24, "source": "g", "last_done_field": "last_test"},
               {"id": "T-1", "kind": "therapy", "when": {"field": "a", "at_least": 0}, "text": "t",
                "interval_months": null, "source": "g", "overrides": ["X-1", "X-2"]},
               {"id": "L-1", "kind": "lifestyle", "when": {"field": "a", "at_least": 0}, "text": "l",
                "interval_months": 6, "source": "g", "factor": "a"}]}
            """#.utf8))
    }

    /// Rows with a date, an empty date and a file without the column: the direct JSON writer writes what
    /// `JSONEncoder` writes for the block's report, and that report's recommendations are the policy's for the
    /// patient's values (one patient path, two writers).
    @Test(arguments: [true, false])
    func jsonLinesWithDueDatesAreWhatJSONEncoderWrites(withColumn: Bool) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let model = try PatientScorerTests().model(domain: false)  // values beyond the training range: all scored
        let asOf = Self.date("2026-12-03")
        let policy = try Self.policy()
        let scorer = PatientScorer(model: model, policy: policy, topContributions: 2, asOf: asOf)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/patients.csv"
        try (withColumn ? "id,a,b,sex,last_test\np1,3,-1,F,2025-11-15\np2,1,1,F,\np3,-1,2,F,2024-02-29\n"
                        : "id,a,b,sex\np1,3,-1,F\np2,1,1,F\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let check = try await JSONLinesAgainstEncoder(scorer, path: path, encoder: encoder)
        #expect(check.lines == check.expected)
        let (lines, reports) = (check.texts, check.reports)
        let rows: [[String: FieldValue]] = withColumn
            ? [["a": .number(3), "sex": .text("F"), "last_test": .text("2025-11-15")],
               ["a": .number(1), "sex": .text("F"), "last_test": .missing],
               ["a": .number(-1), "sex": .text("F"), "last_test": .text("2024-02-29")]]
            : [["a": .number(3), "sex": .text("F")], ["a": .number(1), "sex": .text("F")]]
        for (report, values) in zip(reports, rows) {
            let single = policy.recommend(risk: report.score.risk, values: values, asOf: asOf).recommendations
            #expect(report.policy?.recommendations.map { $0.rule } == single.map(\.rule))
            #expect(report.policy?.recommendations.map(\.dueDate) == single.map(\.dueDate))
            #expect(report.policy?.recommendations.map(\.overdue) == single.map(\.overdue))
        }
        if withColumn {
            #expect(lines[0].contains(#""due_date":"2026-11-15","interval_months":12,"kind":"screening","last_done":"2025-11-15","note":"n","overdue":true,"rule":"S-1""#))
            #expect(lines[1].contains(#""due_date":"2026-12-03","interval_months":12,"kind":"screening","note":"n","overdue":false,"rule":"S-1""#))
            #expect(lines[2].contains(#""due_date":"2026-02-28","interval_months":24,"kind":"screening","last_done":"2024-02-29","overdue":true,"rule":"S-2""#))
        } else {
            #expect(lines[0].contains(#""due_date":"2026-12-03","interval_months":12"#))
        }
        #expect(lines[0].contains(#""kind":"therapy","overrides":["X-1","X-2"],"rule":"T-1""#))
        // Lifestyle rules have no last-done field: no due date.
        #expect(lines[0].contains(#""factor":"a","interval_months":6,"kind":"lifestyle","rule":"L-1""#))
    }

    /// Without an as-of date, no recommendation carries a due date (library callers that do not ask for one).
    @Test func noAsOfNoDueDates() throws {
        let scorer = PatientScorer(model: try PatientScorerTests().model(), policy: try Self.policy())
        let report = try scorer.report(PatientInput(model: scorer.model, fields: ["a": "1", "b": "0", "sex": "F", "last_test": "2020-01-01"]))
        #expect(report.policy?.recommendations.allSatisfy { $0.dueDate == nil && $0.overdue == nil } == true)
    }
}
