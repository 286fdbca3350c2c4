import Foundation
import RiskKitTestSupport
import Testing

/// Issue 9's last applicability gaps, end to end on the shipped breast model (trained for women who are not
/// known BRCA1/2 carriers: `train --exclude sex,brca1,brca2 --applicable sex=F --applicable brca1=0 --applicable
/// brca2=0`) and its policy: men and carriers used to be scored as if they were its population; values beyond the
/// training data were scored without a word. Expected values come from the model file itself.
@Suite struct ScorePopulationCommandTests {
    let model = "Models/demo-breast-model.json"
    let policy = "Models/breast-policy.json"

    /// A woman of 45 inside the population, as `--set` pairs, with `changes` applied.
    func patient(_ changes: [String: String] = [:]) -> [String] {
        let fields = ["age": "45", "sex": "F", "brca1": "0", "brca2": "0", "bmi": "27", "activity_min_week": "120",
                      "alcohol_drinks_week": "3", "family_history_breast": "1", "parity": "2", "breast_density": "c"]
            .merging(changes) { _, new in new }
        return fields.sorted { $0.key < $1.key }.flatMap { ["--set", "\($0.key)=\($0.value)"] }
    }

    func score(_ fields: [String], format: String = "json") throws -> CLIRunner.Result {
        try CLIRunner.run(["score", "--model", model, "--policy", policy, "--format", format, "--as-of", "2026-12-03"] + fields)
    }

    func json(_ result: CLIRunner.Result) throws -> [String: Any] {
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func modelFile() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
    }

    /// Fails on main 96c4025, which gave the man a risk.
    @Test func aManIsNotAssessable() throws {
        let report = try json(try score(patient(["sex": "M"])))
        #expect(report["status"] as? String == "not_assessable")
        #expect(report["risk"] is NSNull)
        #expect(report["not_assessable_reason"] as? String == "`sex` M is outside the model's population (F)")
    }

    /// A BRCA1 carrier gets no risk from a model not made for carriers, and the carrier pathway of the policy
    /// (annual MRI and mammography, BR-04; risk-reducing surgery counselling from 35, BR-05), which needs no risk.
    @Test func aCarrierGetsTheCarrierPathwayAndNoRisk() throws {
        let report = try json(try score(patient(["brca1": "1"])))
        #expect(report["status"] as? String == "not_assessable")
        #expect(report["risk"] is NSNull)
        #expect(report["not_assessable_reason"] as? String == "`brca1` 1 is outside the model's population (0)")
        let rules = (report["recommendations"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(rules.contains("BR-04") && rules.contains("BR-05"))
        #expect(!rules.contains("BR-01") && !rules.contains("BR-07"))
    }

    /// A woman inside the population gets the model's risk: the logistic formula on the file's coefficients.
    @Test func aPatientInsideScoresAsTheModelSays() throws {
        let report = try json(try score(patient()))
        #expect(report["status"] as? String == "scored")
        let values: [String: Double] = ["age": 45, "bmi": 27, "activity_min_week": 120, "alcohol_drinks_week": 3,
                                        "family_history_breast": 1, "parity": 2, "breast_density=c": 1]
        let coefficients = try #require(try modelFile()["coefficients"] as? [[String: Any]])
        let eta = coefficients.reduce(0.0) { sum, c in
            let name = c["name"] as! String, beta = c["estimate"] as! Double
            return sum + beta * (name == "(Intercept)" ? 1 : values[name] ?? 0)
        }
        let risk = try #require(report["risk"] as? Double)
        #expect(abs(risk - 1 / (1 + exp(-eta))) < 1e-12)
        #expect(report["extrapolated"] as? [String] == [])
    }

    /// `extrapolated` names exactly the features whose values lie beyond the training range the model file
    /// records; the CSV's last column joins them with `;`, and the table says so in a note.
    @Test func valuesBeyondTheTrainingDataAreFlagged() throws {
        let features = try #require((try modelFile()["schema"] as? [String: Any])?["features"] as? [[String: Any]])
        let observed = Dictionary(uniqueKeysWithValues: features.compactMap { f -> (String, (Double, Double))? in
            guard let lo = f["observed_min"] as? Double, let hi = f["observed_max"] as? Double else { return nil }
            return (f["name"] as! String, (lo, hi))
        })
        let bmi = try #require(observed["bmi"]), alcohol = try #require(observed["alcohol_drinks_week"])
        let changes = ["bmi": String(bmi.1 + 5), "alcohol_drinks_week": String(alcohol.1 + 1)]
        let report = try json(try score(patient(changes)))
        let expected = features.map { $0["name"] as! String }.filter { name in
            guard let (lo, hi) = observed[name], let value = changes[name].flatMap(Double.init) else { return false }
            return value < lo || value > hi
        }
        #expect(expected == ["bmi", "alcohol_drinks_week"])
        #expect(report["extrapolated"] as? [String] == expected)

        let csv = try score(patient(changes), format: "csv")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines[0].hasSuffix(",recommendation_texts,extrapolated"))
        #expect(lines[1].hasSuffix(",bmi;alcohol_drinks_week"))
        // The breast policy declares no unit for bmi.
        func shown(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        let table = try score(patient(["bmi": String(bmi.1 + 5)]), format: "table")
        #expect(table.stdout.contains("\n  Beyond the training data: bmi \(shown(bmi.1 + 5)) (trained on \(shown(bmi.0))–\(shown(bmi.1))) "
                                      + "— the estimate is an extrapolation\n"), "\(table.stdout)")
    }

    /// The population fields are read from a CSV file although they are no model feature, in the block path.
    @Test func aFileIsCheckedRowByRow() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header = "id,age,sex,brca1,brca2,bmi,activity_min_week,alcohol_drinks_week,family_history_breast,parity,breast_density"
        let rows = ["A,45,F,0,0,27,120,3,1,2,c", "B,45,M,0,0,27,120,3,1,2,c", "C,45,F,0,1,27,120,3,1,2,c", "D,45,,0,0,27,120,3,1,2,c"]
        try ([header] + rows).joined(separator: "\n").appending("\n").write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["score", "--model", model, "--policy", policy, "--data", folder + "/p.csv",
                                        "--format", "json", "--as-of", "2026-12-03"])
        #expect(result.status == 0, "\(result.stderr)")
        let reports = try result.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(reports.map { $0["status"] as? String } == ["scored", "not_assessable", "not_assessable", "not_assessable"])
        #expect(reports.map { $0["not_assessable_reason"] as? String } == [
            nil, "`sex` M is outside the model's population (F)", "`brca2` 1 is outside the model's population (0)",
            "`sex` is missing and the model requires it",
        ])
    }

    @Test func trainRefusesAPopulationFieldTheDataDoNotHold() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLIRunner.run(["train", "--data", "Tests/RiskKitTests/Fixtures/train-small.csv", "--outcome", "cvd_10y",
                                        "--id", "id", "--exclude", "sex", "--applicable", "sexx=F", "--out", folder + "/m.json", "--quiet"])
        #expect(result.status == 64)
        #expect(result.stderr.hasSuffix("column `sexx`: not a column of the training data; did you mean `sex`?; check --required, --optional and --applicable\n"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/m.json"))
    }
}
