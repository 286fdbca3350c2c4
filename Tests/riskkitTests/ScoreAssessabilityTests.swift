import Foundation
import RiskKitTestSupport
import Testing

/// Issue 9's imputation defects and the provenance of every row, end to end: a patient the model cannot assess
/// (outside its applicable range, or missing a required feature) is reported `not_assessable` with no risk, in
/// the single-patient and the batch paths alike; every row names the model checksum, policy version and time.
@Suite struct ScoreAssessabilityTests {
    /// The demo cardiovascular model: its file says nothing about required features, so age and sex are.
    let cvd = "Models/demo-cvd-model.json"
    /// The demo diabetes model: age required, applicable 40–78 years (its file's `applicable`).
    let t2d = "Models/demo-t2d-model.json"

    /// The JSON objects of JSON Lines output.
    func objects(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// A feature's entry in a shipped model file, read as JSON.
    func feature(_ name: String, of model: String) throws -> [String: Any] {
        let file = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
        let features = try #require((file["schema"] as? [String: Any])?["features"] as? [[String: Any]])
        return try #require(features.first { $0["name"] as? String == name })
    }

    /// The rows of `csv` with `column` of data row `row` (1-based) set to `value`.
    func patientsCSV(setting column: String, ofRow row: Int, to value: String, rows: Int = 3) throws -> String {
        var lines = try String(contentsOfFile: "Notebooks-data/patients.csv", encoding: .utf8)
            .split(separator: "\n").prefix(rows + 1).map(String.init)
        let c = try #require(lines[0].split(separator: ",").firstIndex { $0 == column })
        var cells = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[c] = value
        lines[row] = cells.joined(separator: ",")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Observed: `age` left out of `--set` was imputed to the training mean and scored.
    @Test func ageLeftOutOfSetIsNotAssessable() throws {
        let result = try CLIRunner.run(["score", "--model", cvd, "--set", "sex=F", "--set", "systolic_bp=140", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try objects(result.stdout).first)
        #expect(report["status"] as? String == "not_assessable")
        #expect(report["not_assessable_reason"] as? String == "`age` is missing and the model requires it")
        for key in ["risk", "percentile", "band", "linear_predictor"] { #expect(report[key] is NSNull, "\(key)") }
        #expect((report["contributions"] as? [Any])?.isEmpty == true)
        // The table says so instead of a risk.
        let table = try CLIRunner.run(["score", "--model", cvd, "--set", "sex=F", "--set", "systolic_bp=140"])
        #expect(table.stdout.contains("  Not assessable: `age` is missing and the model requires it — no risk is given\n"))
        #expect(!table.stdout.contains("10-year risk"))
    }

    /// Observed: a blank age in a batch row gave "low" and no recommendations; now the row has no risk or band,
    /// and the rules that do not need the risk still apply: the first example patient smokes, so the demo
    /// policy's smoking cessation rule (LS-01) fires, while the risk-based statin rules (CV-…) cannot.
    @Test func blankAgeInABatchRowIsNotAssessable() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try patientsCSV(setting: "age", ofRow: 1, to: "").write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let csv = try CLIRunner.run(["score", "--model", cvd, "--data", folder + "/p.csv", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        func cell(_ row: Int, _ name: String) throws -> String { rows[row][try #require(header.firstIndex(of: name))] }
        #expect(try cell(1, "status") == "not_assessable")
        #expect(try cell(1, "not_assessable_reason") == "`age` is missing and the model requires it")
        for name in ["risk", "percentile", "band", "top_factors"] { #expect(try cell(1, name) == "", "\(name)") }
        #expect(try cell(1, "imputed") == "age")
        let rules = try cell(1, "recommendations").split(separator: ";")
        #expect(rules.contains("LS-01") && !rules.contains { $0.hasPrefix("CV-") }, "\(rules)")
        #expect(try cell(2, "status") == "scored" && cell(3, "status") == "scored")
        #expect(try Double(cell(2, "risk")) != nil)
        #expect(csv.stderr.contains("of 3 patients: 2 scored, 1 not assessable"), "\(csv.stderr)")
        // The same patients as JSON Lines: one object per row, the second not assessable.
        let json = try CLIRunner.run(["score", "--model", cvd, "--data", folder + "/p.csv", "--format", "json"])
        let reports = try objects(json.stdout)
        #expect(reports.map { $0["status"] as? String } == ["not_assessable", "scored", "scored"])
        #expect(reports[0]["risk"] is NSNull)
        // The table of the batch says so, and lists what is missing.
        let table = try CLIRunner.run(["score", "--model", cvd, "--data", folder + "/p.csv"])
        #expect(table.stdout.contains("not assessable: `age` is missing and the model requires it"), "\(table.stdout)")
        #expect(table.stdout.contains("(missing: age)"))
    }

    /// The single-patient path and the block path report a not-assessable patient alike.
    @Test func singleAndBatchPathsAgree() throws {
        let patient = #"{"id": "A", "sex": "F", "smoker": 1, "bmi": 31}"#
        let single = try CLIRunner.run(["score", "--model", cvd, "--format", "json"], stdin: patient)
        let batch = try CLIRunner.run(["score", "--model", cvd, "--format", "json"], stdin: patient + "\n" + #"{"id": "B", "age": 50, "sex": "M"}"#)
        #expect(single.status == 0 && batch.status == 0, "\(single.stderr) \(batch.stderr)")
        #expect(String(batch.stdout.split(separator: "\n")[0]) + "\n" == single.stdout)
        #expect(single.stdout.contains(#""status":"not_assessable""#))
    }

    /// A patient outside the model's applicable range (the t2d model's `applicable` age range) has no risk.
    @Test(arguments: ["35", "79"])
    func outsideTheApplicableRangeIsNotAssessable(age: String) throws {
        let range = try #require(try feature("age", of: t2d)["applicable"] as? [String: Double])
        let lower = try #require(range["lower"]), upper = try #require(range["upper"])
        #expect(Double(age)! < lower || Double(age)! > upper)
        let result = try CLIRunner.run(["score", "--model", t2d, "--policy", "Models/t2d-policy.json", "--format", "json", "--set", "age=\(age)", "--set", "sex=F",
                                        "--set", "bmi=30", "--set", "family_history_diabetes=0"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try objects(result.stdout).first)
        #expect(report["status"] as? String == "not_assessable")
        let reason = try #require(report["not_assessable_reason"] as? String)
        #expect(reason.hasPrefix("`age` \(age) years is outside the range the model applies to (\(Int(lower))–\(Int(upper))"), "\(reason)")
        #expect(report["risk"] is NSNull)
        // Inside the range, the same patient is scored.
        let inside = try CLIRunner.run(["score", "--model", t2d, "--policy", "Models/t2d-policy.json", "--format", "json", "--set", "age=\(Int(lower))", "--set", "sex=F",
                                        "--set", "bmi=30", "--set", "family_history_diabetes=0"])
        #expect(try objects(inside.stdout).first?["status"] as? String == "scored")
    }

    /// `--allow-imputation` imputes a missing required feature at the model's imputation value, as before, with a
    /// warning that counts the patients (no ids or values).
    @Test func allowImputationRestoresImputation() throws {
        let imputedAge = try #require(try feature("age", of: cvd)["imputed_number"] as? Double)
        let imputed = try CLIRunner.run(["score", "--model", cvd, "--format", "json", "--allow-imputation",
                                         "--set", "sex=F", "--set", "systolic_bp=140"])
        #expect(imputed.status == 0, "\(imputed.stderr)")
        let report = try #require(try objects(imputed.stdout).first)
        #expect(report["status"] as? String == "scored")
        #expect((report["imputed"] as? [String])?.contains("age") == true)
        #expect(imputed.stderr.contains("1 patient had a required feature missing and imputed from the training data (--allow-imputation)"),
                "\(imputed.stderr)")
        // The risk is the one of a patient whose age is the imputation value (the other required features missing
        // in both runs are imputed in both).
        let given = try CLIRunner.run(["score", "--model", cvd, "--format", "json", "--allow-imputation", "--set", "age=\(imputedAge)",
                                       "--set", "sex=F", "--set", "systolic_bp=140"])
        let risk = try #require(report["risk"] as? Double)
        let expected = try #require(try objects(given.stdout).first?["risk"] as? Double)
        #expect(abs(risk - expected) <= 1e-12 * expected)
    }

    /// `scored_at` is the run's time, fixed by SOURCE_DATE_EPOCH; `model_checksum` is the checksum recorded in the
    /// model file; `policy_version` is the policy's. JSON keys, CSV columns at the end, and the table's footer.
    @Test func everyRowCarriesItsProvenance() throws {
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cvd))) as? [String: Any])
        let checksum = try #require(file["checksum"] as? String)
        let policy = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "Models/default-policy.json"))) as? [String: Any])
        let version = try #require(policy["policy_version"] as? String)
        // 86,400 × 366 + 3,661 seconds: 1971-01-02T01:01:01Z.
        let epoch = ["SOURCE_DATE_EPOCH": "31626061"]
        let json = try CLIRunner.run(["score", "--model", cvd, "--data", "Notebooks-data/patients.csv", "--format", "json"],
                                     environment: epoch)
        let reports = try objects(json.stdout)
        #expect(reports.count == 5)
        for report in reports {
            #expect(report["scored_at"] as? String == "1971-01-02T01:01:01Z")
            #expect(report["model_checksum"] as? String == checksum)
            #expect(report["policy_version"] as? String == version)
        }
        let csv = try CLIRunner.run(["score", "--model", cvd, "--data", "Notebooks-data/patients.csv", "--format", "csv"],
                                    environment: epoch)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines[0].hasSuffix(",status,not_assessable_reason,model_checksum,policy_version,scored_at,recommendation_texts,extrapolated"))
        for line in lines.dropFirst() { #expect(line.contains(",\(checksum),\(version),1971-01-02T01:01:01Z,\""), "\(line)") }
        let table = try CLIRunner.run(["score", "--model", cvd, "--set", "age=50", "--set", "sex=F"], environment: ["SOURCE_DATE_EPOCH": "0"])
        #expect(table.stdout.contains("Provenance: model \(checksum), policy \(version), scored at 1970-01-01T00:00:00Z\n"), "\(table.stdout)")
        // A value that is not a number of seconds is a usage error.
        let bad = try CLIRunner.run(["score", "--model", cvd, "--set", "age=50", "--set", "sex=F"], environment: ["SOURCE_DATE_EPOCH": "soon"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("SOURCE_DATE_EPOCH"))
    }
}
