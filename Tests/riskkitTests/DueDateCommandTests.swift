import Foundation
import RiskKitTestSupport
import Testing

/// `score --as-of` and the screening due dates of the shipped policies, end to end with one model (the demo CVD
/// model and `default-policy.json`: BR-01 reads `last_mammogram`, every 24 months).
@Suite struct DueDateCommandTests {
    let model = "Models/demo-cvd-model.json"

    static func firstObject(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.split(separator: "\n")[0].utf8)) as? [String: Any])
    }

    static func rule(_ id: String, in report: [String: Any]) throws -> [String: Any] {
        try #require((report["recommendations"] as? [[String: Any]])?.first { $0["rule"] as? String == id })
    }

    /// A mammogram on the leap day 2024-02-29 is next due 24 months later on 2026-02-28: overdue on 2026-12-03,
    /// in JSON and in the table.
    @Test func dueDateAndOverdueInJSONAndTable() throws {
        let set = ["--set", "age=55", "--set", "sex=F", "--set", "last_mammogram=2024-02-29", "--as-of", "2026-12-03"]
        let json = try CLIRunner.run(["score", "--model", model, "--format", "json"] + set)
        #expect(json.status == 0, "\(json.stderr)")
        let br01 = try Self.rule("BR-01", in: Self.firstObject(json.stdout))
        #expect(br01["last_done"] as? String == "2024-02-29")
        #expect(br01["due_date"] as? String == "2026-02-28" && br01["overdue"] as? Bool == true)
        let table = try CLIRunner.run(["score", "--model", model] + set)
        #expect(table.stdout.contains(
            "[BR-01] screening: Screening mammography every 2 years. Repeat every 24 months; due 2026-02-28 (overdue; last done 2024-02-29).\n"),
            "\(table.stdout)")
    }

    /// The batch (block) path writes the same due dates as the single-patient path.
    @Test func batchRowsCarryDueDates() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header = try #require(try String(contentsOfFile: "Notebooks-data/patients.csv", encoding: .utf8).split(separator: "\n").first)
        // DEMO-002 is a woman of 45: BR-01 fires.
        let row = try #require(try String(contentsOfFile: "Notebooks-data/patients.csv", encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("DEMO-002,") })
        try ("\(header),last_mammogram\n\(row),2025-12-02\n").write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["score", "--model", model, "--data", folder + "/p.csv", "--format", "json",
                                        "--as-of", "2026-12-03"])
        #expect(result.status == 0, "\(result.stderr)")
        let br01 = try Self.rule("BR-01", in: Self.firstObject(result.stdout))
        #expect(br01["due_date"] as? String == "2027-12-02" && br01["overdue"] as? Bool == false)
    }

    /// Without --as-of, the day of SOURCE_DATE_EPOCH (1795000000 s = 2026-11-18 UTC): a mammogram never recorded is
    /// due that day. A SOURCE_DATE_EPOCH or --as-of that is no date is a usage error.
    @Test func asOfDefaultsToSourceDateEpoch() throws {
        let set = ["--set", "age=55", "--set", "sex=F", "--format", "json"]
        let result = try CLIRunner.run(["score", "--model", model] + set, environment: ["SOURCE_DATE_EPOCH": "1795000000"])
        #expect(result.status == 0, "\(result.stderr)")
        let br01 = try Self.rule("BR-01", in: Self.firstObject(result.stdout))
        #expect(br01["due_date"] as? String == "2026-11-18" && br01["overdue"] as? Bool == false && br01["last_done"] == nil)
        let bad = try CLIRunner.run(["score", "--model", model] + set, environment: ["SOURCE_DATE_EPOCH": "soon"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("SOURCE_DATE_EPOCH must be a whole number of seconds"), "\(bad.stderr)")
        let wrong = try CLIRunner.run(["score", "--model", model, "--as-of", "2026-02-30"] + set)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--as-of expects a date YYYY-MM-DD, got `2026-02-30`"), "\(wrong.stderr)")
    }

    /// The day of SOURCE_DATE_EPOCH at the calendar's edges: 951782400 s = 11,016 days = 2000-02-29 (30 years from
    /// 1970 with 7 leap days, then 31 + 28 days), the last second of that day still 2000-02-29; 253402300800 s =
    /// 10000-01-01, beyond the years a date can have.
    @Test func sourceDateEpochDayAtCalendarEdges() throws {
        let set = ["--set", "age=55", "--set", "sex=F", "--format", "json"]
        for seconds in ["951782400", "951868799"] {
            let result = try CLIRunner.run(["score", "--model", model] + set, environment: ["SOURCE_DATE_EPOCH": seconds])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.rule("BR-01", in: Self.firstObject(result.stdout))["due_date"] as? String == "2000-02-29")
        }
        let late = try CLIRunner.run(["score", "--model", model] + set, environment: ["SOURCE_DATE_EPOCH": "253402300800"])
        #expect(late.status == 64)
        #expect(late.stderr.contains("SOURCE_DATE_EPOCH lies outside the years 1–9999"), "\(late.stderr)")
    }

    /// A last-test date that is no calendar day is refused like any implausible value.
    @Test func invalidLastTestDateIsRefused() throws {
        let result = try CLIRunner.run(["score", "--model", model, "--set", "age=55", "--set", "sex=F",
                                        "--set", "last_mammogram=2025-02-29"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("column `last_mammogram`: `2025-02-29` is not a date (YYYY-MM-DD)"), "\(result.stderr)")
    }
}
