import Foundation
import RiskKitTestSupport
import Testing

/// `train --applicable/--required/--optional/--outcome-label/--horizon-years` end to end: saved in the model,
/// shown by `inspect`, and wrong settings are usage errors (64) naming the flag.
@Suite struct TrainDomainCommandTests {
    let fixture = "Tests/RiskKitTests/Fixtures/train-small.csv"

    func train(_ folder: String, _ extra: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run(["train", "--data", fixture, "--outcome", "cvd_10y", "--id", "id", "--out", folder + "/m.json",
                           "--quiet"] + extra)
    }

    @Test func domainAndContractAreSavedAndInspected() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let trained = try train(folder, [
            "--applicable", "age=45..70", "--applicable", "bmi=..60", "--required", "bmi", "--optional", "systolic_bp",
            "--outcome-label", "first ASCVD event", "--horizon-years", "10",
        ])
        #expect(trained.status == 0, "\(trained.stderr)")
        let inspect = try CLIRunner.run(["inspect", folder + "/m.json", "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        let outcome = try #require(object["outcome"] as? [String: Any])
        #expect(outcome["label"] as? String == "first ASCVD event")
        #expect(outcome["horizon_years"] as? Double == 10)
        let features = try #require(object["features"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: features.map { ($0["name"] as! String, $0) })
        #expect(byName["age"]?["applicable"] as? [String: Double] == ["lower": 45, "upper": 70])
        #expect(byName["bmi"]?["applicable"] as? [String: Double] == ["upper": 60])
        #expect(byName["bmi"]?["required"] as? Bool == true)
        #expect(byName["systolic_bp"]?["required"] as? Bool == false)
        #expect(byName["sex"]?["required"] as? Bool == true)
        // train-small.csv: age 40–78 over the rows with an outcome.
        #expect(byName["age"]?["observed_min"] as? Double == 40 && byName["age"]?["observed_max"] as? Double == 78)

        let table = try CLIRunner.run(["inspect", folder + "/m.json"]).stdout
        #expect(table.contains("Outcome: cvd_10y (event = 1): first ASCVD event, 10-year horizon\n"))
        #expect(table.contains("Training domain (a patient outside an applicable range or missing a required feature is not assessable):"))
        let ageLine = try #require(table.split(separator: "\n").last { $0.hasPrefix("age ") })
        #expect(ageLine.split(separator: " ", omittingEmptySubsequences: true) == ["age", "numeric", "40–78", "45–70", "yes", "0"])
    }

    @Test func wrongSettingsAreUsageErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let typo = try train(folder, ["--required", "systolic"])
        #expect(typo.status == 64)
        #expect(typo.stderr.hasSuffix("column `systolic`: not a feature of the model; did you mean `systolic_bp`?; check --required, --optional and --applicable\n"))
        let categorical = try train(folder, ["--applicable", "region=0..1"])
        #expect(categorical.status == 64 && categorical.stderr.contains("check --applicable"))
        let reversed = try train(folder, ["--applicable", "age=79..40"])
        #expect(reversed.status == 64 && reversed.stderr.contains("--applicable expects FEATURE=LO..HI"))
        let both = try train(folder, ["--required", "bmi", "--optional", "bmi"])
        #expect(both.status == 64 && both.stderr.contains("`bmi` is given to both --required and --optional"))
        let horizon = try train(folder, ["--horizon-years", "0"])
        #expect(horizon.status == 64)
        #expect(!FileManager.default.fileExists(atPath: folder + "/m.json"))
    }
}
