import Foundation
import RiskKitTestSupport
import Testing

/// Batches that keep going (`--on-error skip`): bad rows are left out, counted on standard error without ids or
/// values, and listed with their reasons in the owner-only `--rejects` file; the good rows are scored as without.
@Suite struct ScoreRejectsTests {
    let model = "Models/demo-cvd-model.json"

    /// The example patients (5 rows) with, in order: row 2's systolic pressure 1800 (implausible), row 3's
    /// smoker `yes` (not a number), row 4's region `mars` (no such level), a row of 5 fields (malformed), and
    /// row 1 again (duplicate id) — and which of the example rows stay good.
    func badBatch() throws -> (csv: String, good: [String]) {
        let lines = try String(contentsOfFile: "Notebooks-data/patients.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        var rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        rows[1][try #require(header.firstIndex(of: "systolic_bp"))] = "1800"
        rows[2][try #require(header.firstIndex(of: "smoker"))] = "yes"
        rows[3][try #require(header.firstIndex(of: "region"))] = "mars"
        let malformed = Array(rows[4].prefix(5))
        let all = rows + [malformed, rows[0]]
        let csv = ([header] + all).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        return (csv, [lines[1], lines[5]])
    }

    /// The expected rejects file: line (header is line 1), id, field, reason.
    func expectedRejects(ids: [String]) -> String {
        """
        line,id,field,reason
        3,\(ids[1]),systolic_bp,value 1800 mm Hg is outside the plausible range 60–300 mm Hg
        4,\(ids[2]),smoker,the value is not a number
        5,\(ids[3]),region,"the value is not a level seen in training (known levels: `east`, `north`, `south`, `west`)"
        7,,,"expected 19 fields as in the header, found 5"
        8,\(ids[0]),,a patient id given twice (first on line 2): each patient must appear once

        """
    }

    /// Observed: one bad row aborted a whole batch. With `--on-error skip` the good rows are scored exactly as
    /// on their own, the bad ones are in the rejects file (owner-only), and the run exits 0.
    @Test func badRowsAreSkippedAndListed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (csv, good) = try badBatch()
        try csv.write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let ids = csv.split(separator: "\n").dropFirst().prefix(4).map { String($0.split(separator: ",")[0]) }
        let result = try CLIRunner.run(["score", "--model", model, "--data", folder + "/p.csv", "--format", "csv",
                                        "--on-error", "skip", "--rejects", folder + "/rejects.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("skipped 5 rows: 1 implausible value, 1 unparseable value, 1 unknown level, 1 malformed record, 1 duplicate id"),
                "\(result.stderr)")
        for id in ids { #expect(!result.stderr.contains(id)) }
        // The good rows, as scored from a file holding only them.
        let header = String(csv.split(separator: "\n")[0])
        try ([header] + good).joined(separator: "\n").appending("\n").write(toFile: folder + "/good.csv", atomically: true, encoding: .utf8)
        let alone = try CLIRunner.run(["score", "--model", model, "--data", folder + "/good.csv", "--format", "csv"])
        #expect(result.stdout == alone.stdout)
        #expect(result.stdout.split(separator: "\n").count == 3)
        #expect(try String(contentsOfFile: folder + "/rejects.csv", encoding: .utf8) == expectedRejects(ids: ids))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/rejects.csv")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    /// The default stops at the first bad row (exit 65), as before: nothing from it on is written.
    @Test func theDefaultStillStops() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try badBatch().csv.write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["score", "--model", model, "--data", folder + "/p.csv", "--format", "csv"])
        #expect(result.status == 65)
        #expect(!result.stdout.contains("DEMO-002"))
        #expect(result.stderr.contains("p.csv:3: column `systolic_bp`"), "\(result.stderr)")
    }

    /// CSV on standard input and JSON Lines on standard input skip the same way.
    @Test func standardInputSkipsToo() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (csv, _) = try badBatch()
        let ids = csv.split(separator: "\n").dropFirst().prefix(4).map { String($0.split(separator: ",")[0]) }
        let piped = try CLIRunner.run(["score", "--model", model, "--data", "-", "--format", "csv", "--on-error", "skip",
                                       "--rejects", folder + "/r.csv"], stdin: csv)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.split(separator: "\n").count == 3)
        #expect(try String(contentsOfFile: folder + "/r.csv", encoding: .utf8) == expectedRejects(ids: ids))
        // JSON Lines: an implausible age (line 2), a line that is no JSON object (line 3), an unknown field
        // (line 4), a duplicate id (line 5).
        let lines = [#"{"id": "A", "age": 54, "sex": "F"}"#, #"{"id": "B", "age": 150, "sex": "F"}"#, "{not json",
                     #"{"id": "C", "age": 50, "sex": "M", "sistolic_bp": 120}"#, #"{"id": "A", "age": 60, "sex": "M"}"#,
                     #"{"id": "D", "age": 61, "sex": "M"}"#]
        let json = try CLIRunner.run(["score", "--model", model, "--format", "json", "--on-error", "skip",
                                      "--rejects", folder + "/j.csv"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(json.status == 0, "\(json.stderr)")
        let scored = json.stdout.split(separator: "\n")
        #expect(scored.count == 2)
        #expect(scored[0].contains(#""id":"A""#) && scored[1].contains(#""id":"D""#))
        let rejects = try String(contentsOfFile: folder + "/j.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(rejects.count == 5)
        #expect(rejects[1] == "2,B,age,value 150 years is outside the plausible range 0–120 years")
        #expect(rejects[2].hasPrefix("3,,,\"expected one JSON object per line"))
        #expect(rejects[3] == "4,C,sistolic_bp,not a field of the model or the policy; did you mean `systolic_bp`?")
        #expect(rejects[4] == "5,A,,a patient id given twice (first on line 1): each patient must appear once")
        #expect(json.stderr.contains("skipped 4 rows: 1 implausible value, 1 malformed record, 1 unknown field, 1 duplicate id"),
                "\(json.stderr)")
        // Lines skipped down to one good line are still a batch: that patient is `row 2`, one CSV record.
        let one = try CLIRunner.run(["score", "--model", model, "--format", "csv", "--on-error", "skip"],
                                    stdin: "{not json\n" + #"{"age": 61, "sex": "M"}"# + "\n")
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.split(separator: "\n").last?.hasPrefix("row 2,") == true, "\(one.stdout)")
    }

    /// `--rejects` needs `--on-error skip` (a usage error); `skip` without `--rejects` still counts, and says so.
    @Test func rejectsNeedsSkipAndSkipCountsWithoutIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try badBatch().csv.write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let usage = try CLIRunner.run(["score", "--model", model, "--data", folder + "/p.csv", "--rejects", folder + "/r.csv"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--rejects needs --on-error skip"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/r.csv"))
        let counted = try CLIRunner.run(["score", "--model", model, "--data", folder + "/p.csv", "--format", "csv", "--on-error", "skip"])
        #expect(counted.status == 0)
        #expect(counted.stderr.contains("skipped 5 rows: ") && counted.stderr.contains("(counted only: --rejects FILE lists them)"),
                "\(counted.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["p.csv"])
    }
}
