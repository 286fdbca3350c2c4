import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitRecommendations

/// Calendar dates and the due dates of rules with a `last_done_field` (hand-computed dates).
@Suite struct DueDateTests {
    @Test(arguments: [
        ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"), ("2024-03-15", 24, "2026-03-15"),
        ("2024-11-30", 3, "2025-02-28"), ("2000-02-29", 12, "2001-02-28"), ("2024-12-01", 1, "2025-01-01"),
    ])
    func addingMonths(start: String, months: Int, expected: String) throws {
        #expect(try #require(CalendarDate(parsing: start)).adding(months: months).description == expected)
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024/01/01", "", "2024-01-01x"])
    func invalidDatesDoNotParse(text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test func orderAndText() throws {
        let a = try #require(CalendarDate(parsing: "2024-02-29")), b = try #require(CalendarDate(parsing: "2024-03-01"))
        #expect(a < b && !(b < a))
        #expect(CalendarDate(parsing: "2000-02-29")?.description == "2000-02-29")
        #expect(String(decoding: try JSONEncoder().encode([a]), as: UTF8.self) == "[\"2024-02-29\"]")
    }

    static func policy() throws -> RecommendationPolicy {
        try PolicyKeysTests.load {
            PolicyKeysTests.setField(&$0, "last_mammogram", ["type": "date"])
            PolicyKeysTests.addRule(&$0, ["id": "T-03", "kind": "screening", "when": ["field": "age", "at_least": 50],
                                          "text": "Mammogram.", "interval_months": 24, "source": "Test 2026",
                                          "last_done_field": "last_mammogram"])
        }
    }

    @Test func dueDateAndOverdueRelativeToAsOf() throws {
        let policy = try Self.policy()
        let asOf = try #require(CalendarDate(parsing: "2026-12-03"))
        func t03(_ last: FieldValue?, asOf: CalendarDate?) throws -> Recommendation {
            var values: [String: FieldValue] = ["age": .number(60), "sex": .text("M")]
            values["last_mammogram"] = last
            return try #require(policy.recommend(risk: 0.01, values: values, asOf: asOf).recommendations.first { $0.rule == "T-03" })
        }
        // 2024-12-03 + 24 months = 2026-12-03: due on the as-of day, not overdue.
        let onTime = try t03(.text("2024-12-03"), asOf: asOf)
        #expect(onTime.lastDone?.description == "2024-12-03")
        #expect(onTime.dueDate?.description == "2026-12-03" && onTime.overdue == false)
        // 2024-12-02 + 24 months = 2026-12-02, one day before the as-of date: overdue.
        let late = try t03(.text("2024-12-02"), asOf: asOf)
        #expect(late.dueDate?.description == "2026-12-02" && late.overdue == true)
        // Never recorded: due now.
        let never = try t03(.missing, asOf: asOf)
        #expect(never.lastDone == nil && never.dueDate == asOf && never.overdue == false)
        #expect(try t03(nil, asOf: asOf).dueDate == asOf)
        // No as-of date: no due fields, so the JSON stays as before.
        let none = try t03(.text("2024-12-02"), asOf: nil)
        #expect(none.dueDate == nil && none.overdue == nil && none.lastDone == nil)
        let json = String(decoding: try JSONEncoder().encode(late), as: UTF8.self)
        #expect(json.contains("\"due_date\":\"2026-12-02\"") && json.contains("\"overdue\":true") && json.contains("\"last_done\":\"2024-12-02\""))
        #expect(!String(decoding: try JSONEncoder().encode(none), as: UTF8.self).contains("due_date"))
    }
}
