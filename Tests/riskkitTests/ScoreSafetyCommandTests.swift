import Foundation
import RiskKitTestSupport
import Testing

/// Issue 9's observed defects that this change fixes, end to end on the shipped demo model and policy (their
/// plausible ranges: age 0–120 years, systolic 60–300 mm Hg): each used to score with exit 0.
@Suite struct ScoreSafetyCommandTests {
    let model = "Models/demo-cvd-model.json"

    func score(_ extra: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run(["score", "--model", model, "--format", "json"] + extra)
    }

    @Test(arguments: [
        ("age=150", "column `age`: value 150 years is outside the plausible range 0–120 years"),
        ("age=-3", "column `age`: value -3 years is outside the plausible range 0–120 years"),
        ("systolic_bp=1800", "column `systolic_bp`: value 1800 mm Hg is outside the plausible range 60–300 mm Hg"),
    ])
    func implausibleValuesAreRefused(setting: String, message: String) throws {
        let result = try score(["--set", setting, "--set", "sex=F"])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func misspeltFieldSuggestsTheKnownName() throws {
        let result = try score(["--set", "sistolic_bp=180", "--set", "age=50", "--set", "sex=F"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("column `sistolic_bp`: not a field of the model or the policy; did you mean `systolic_bp`?"),
                "\(result.stderr)")
    }

    /// A batch stops at the implausible row: the rows before it are written, the error names file, line and field.
    @Test func implausibleRowInAFileStopsWithItsLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/p.csv"
        // The example patients, the second one's systolic pressure made 1800.
        var lines = try String(contentsOfFile: "Notebooks-data/patients.csv", encoding: .utf8)
            .split(separator: "\n").prefix(4).map(String.init)
        let column = try #require(lines[0].split(separator: ",").firstIndex(of: "systolic_bp"))
        var cells = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[column] = "1800"
        lines[2] = cells.joined(separator: ",")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["score", "--model", model, "--data", path, "--format", "csv"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):3: column `systolic_bp`: value 1800 mm Hg is outside the plausible range 60–300 mm Hg"),
                "\(result.stderr)")
    }

    /// A patient id given twice stops the batch at the second record, naming both lines but not the id.
    @Test func duplicateIDsAreRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = try String(contentsOfFile: "Notebooks-data/patients.csv", encoding: .utf8).split(separator: "\n")
        try ([lines[0], lines[1], lines[2], lines[1]].joined(separator: "\n") + "\n")
            .write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["score", "--model", model, "--data", folder + "/p.csv", "--format", "csv"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("p.csv:4: a patient id given twice (first on line 2): each patient must appear once"),
                "\(result.stderr)")
        let id = String(lines[1].split(separator: ",")[0])
        #expect(!result.stderr.contains(id))
    }

    /// The observed defect: the breast cancer model scored with the cardiovascular policy relabelled a breast cancer
    /// probability as a 10-year ASCVD risk. Both shipped files now declare their outcome, so the pair is refused
    /// unless forced.
    @Test func policyForAnotherOutcomeIsRefusedUnlessForced() throws {
        let patient = ["--model", "Models/demo-breast-model.json", "--policy", "Models/default-policy.json",
                       "--set", "age=50", "--set", "bmi=27"]
        let refused = try CLIRunner.run(["score"] + patient)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("the model predicts `invasive breast cancer`, the policy applies to `first ASCVD event`"),
                "\(refused.stderr)")
        #expect(refused.stderr.contains("--force-policy"))
        #expect(refused.stdout.isEmpty)
        let forced = try CLIRunner.run(["score"] + patient + ["--force-policy"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("applying the policy to another outcome than it was written for (--force-policy)"))
    }

    /// A model that declares no outcome (written before models recorded one) is not given a policy that declares
    /// one unless forced.
    @Test func policyForAModelWithoutOutcomeIsRefusedUnlessForced() throws {
        let patient = ["--set", "age=50", "--set", "sex=F", "--policy", "Models/default-policy.json"]
        let refused = try CLIRunner.run(["score", "--model", "Tests/RiskKitTests/Fixtures/model-before-domain.json"] + patient)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("the model declares none, the policy applies to `first ASCVD event`"), "\(refused.stderr)")
        let forced = try CLIRunner.run(["score", "--model", "Tests/RiskKitTests/Fixtures/model-before-domain.json", "--force-policy"] + patient)
        #expect(forced.status == 0, "\(forced.stderr)")
    }

    /// The shipped type 2 diabetes and breast models declare their outcome and horizon, as their policies do: each
    /// is scored with its own policy, and the breast policy is refused for the diabetes model.
    @Test func shippedConditionModelsAndPoliciesAreTied() throws {
        let own = try CLIRunner.run(["score", "--model", "Models/demo-breast-model.json", "--policy", "Models/breast-policy.json",
                                     "--set", "age=50", "--set", "sex=F", "--format", "csv"])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(!own.stderr.contains("not compared"))
        let other = try CLIRunner.run(["score", "--model", "Models/demo-t2d-model.json", "--policy", "Models/breast-policy.json",
                                       "--set", "age=50", "--set", "sex=F", "--format", "csv"])
        #expect(other.status == 65)
        #expect(other.stderr.contains("the model predicts `incident type 2 diabetes`, the policy applies to `invasive breast cancer`"),
                "\(other.stderr)")
    }
}

/// A `score --out` run killed midway leaves neither its output nor its temporary file (which holds patient data).
@Suite struct InterruptedOutputTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func killedRunLeavesNoTemporaryFile(signal: Int32) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 100,000 patients: the example rows repeated, long enough to be interrupted while writing.
        let lines = try String(contentsOfFile: "Notebooks-data/patients.csv", encoding: .utf8).split(separator: "\n")
        let rows = lines.dropFirst().joined(separator: "\n") + "\n"
        var csv = String(lines[0]) + "\n"
        csv.reserveCapacity(rows.utf8.count * 20_000 + 200)
        for _ in 0..<20_000 { csv += rows }
        try csv.write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["score", "--model", "Models/demo-cvd-model.json", "--data", folder + "/p.csv", "--format", "json",
                             "--out", folder + "/scores.jsonl", "--quiet"]
        process.currentDirectoryURL = CLIRunner.packageRoot
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the temporary file exists, then interrupt.
        var waited = 0
        while try FileManager.default.contentsOfDirectory(atPath: folder).filter({ $0.hasPrefix(".scores.jsonl.tmp") }).isEmpty
                && waited < 5000 && process.isRunning {
            usleep(2000)
            waited += 2
        }
        #expect(process.isRunning, "the run ended before it could be interrupted")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "p.csv" }
        #expect(left.isEmpty, "left behind: \(left)")
    }
}

/// Patients on standard input: CSV with `--data -`, and JSON Lines (one patient per line), as `score` reads a file.
@Suite struct StandardInputPatientsTests {
    @Test func csvOnStandardInputScoresAsTheFile() throws {
        let csv = try String(contentsOfFile: "Notebooks-data/patients.csv", encoding: .utf8)
        let piped = try CLIRunner.run(["score", "--model", "Models/demo-cvd-model.json", "--data", "-", "--format", "csv"], stdin: csv)
        let file = try CLIRunner.run(["score", "--model", "Models/demo-cvd-model.json", "--data", "Notebooks-data/patients.csv",
                                      "--format", "csv"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == file.stdout)
        #expect(piped.stdout.split(separator: "\n").count == 6)
    }

    @Test func jsonLinesScoreOnePatientPerLine() throws {
        // Two patients as JSON Lines (the second without an id: `row 2`) and each as one JSON object.
        let first = #"{"id": "A", "age": 54, "sex": "F", "smoker": 0}"#, second = #"{"age": 60, "sex": "M", "smoker": true}"#
        let lines = first + "\n\n" + second + "\n"
        let fromLines = try CLIRunner.run(["score", "--model", "Models/demo-cvd-model.json", "--format", "csv"], stdin: lines)
        #expect(fromLines.status == 0, "\(fromLines.stderr)")
        let rows = fromLines.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 3)
        for (object, row) in [(first, rows[1]), (second, rows[2])] {
            let single = try CLIRunner.run(["score", "--model", "Models/demo-cvd-model.json", "--format", "csv"], stdin: object)
            let expected = String(single.stdout.split(separator: "\n")[1])
            // The single patient without an id has an empty id; in JSON Lines it is `row 2`.
            #expect(row == (expected.hasPrefix(",") ? "row 2" + expected : expected))
        }
        // A bad line is named by its line number.
        let bad = try CLIRunner.run(["score", "--model", "Models/demo-cvd-model.json", "--format", "csv"],
                                    stdin: lines + #"{"age": 150, "sex": "F"}"# + "\n")
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("<stdin>:4: column `age`: value 150 years is outside the plausible range 0–120 years"), "\(bad.stderr)")
    }
}
