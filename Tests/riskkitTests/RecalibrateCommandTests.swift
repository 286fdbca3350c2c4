import Foundation
import Testing
import RiskKitTestSupport

/// `riskkit recalibrate` on the fixtures of Tests/RiskKitTests/Fixtures/recal-fixtures.sh: recal-model.json (trained
/// on recal-train.csv) recalibrated on recal-data.csv, a later cohort with fewer events and weaker effects.
/// Reference: R 4.2.2 `glm(y ~ offset(lp), binomial)` and `glm(y ~ lp, binomial)` with epsilon 1e-14 on the model's
/// linear predictor (recal-ref.R, output recal-ref.tsv):
///
///     intercept  a = -0.75049392661000325
///     slope      a = -0.94192532959205366, b = 0.62641666761165182
@Suite struct RecalibrateCommandTests {
    let fixtures = "Tests/RiskKitTests/Fixtures/"
    var model: String { fixtures + "recal-model.json" }
    var data: String { fixtures + "recal-data.csv" }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    func estimates(_ model: [String: Any]) throws -> [Double] {
        try #require(model["coefficients"] as? [[String: Any]]).map { try #require($0["estimate"] as? Double) }
    }

    func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [CLIRunner.packageRoot.path + "/" + path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        return String(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64))
    }

    @Test func interceptMatchesRGlmWithOffset() throws {
        let out = try temporaryFolder() + "/new.json"
        let r = try CLIRunner.run(["recalibrate", "--model", model, "--data", data, "--method", "intercept", "--out", out,
                                   "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let a = -0.75049392661000325
        let parent = try json(CLIRunner.packageRoot.path + "/" + model), child = try json(out)
        let record = try #require((child["recalibrations"] as? [[String: Any]])?.first)
        #expect(abs(try #require(record["intercept"] as? Double) - a) < 1e-8 && record["slope"] as? Double == 1)
        #expect(record["method"] as? String == "intercept" && record["rows"] as? Int == 800)
        #expect(record["parent_checksum"] as? String == parent["checksum"] as? String)
        #expect(record["data_sha256"] as? String == (try sha256(data)))
        let old = try estimates(parent), new = try estimates(child)
        #expect(abs(new[0] - (old[0] + a)) < 1e-8 && Array(new.dropFirst()) == Array(old.dropFirst()))
        let coefficient = try #require((child["coefficients"] as? [[String: Any]])?.first)
        #expect(coefficient["std_error"] is NSNull && coefficient["p_value"] is NSNull)
        // The offset fit's score equation Σ(y − p') = 0: observed over expected is 1 after it.
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let after = try #require(summary["after"] as? [String: Double])
        #expect(abs(try #require(after["oe_ratio"]) - 1) < 1e-9)
    }

    @Test func interceptAndSlopeMatchRGlm() throws {
        let folder = try temporaryFolder()
        let r = try CLIRunner.run(["recalibrate", "--model", model, "--data", data, "--method", "slope", "--out", folder + "/s.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("logit p' = -0.941925 + 0.626417·η"))
        let (a, b) = (-0.94192532959205366, 0.62641666761165182)
        let child = try json(folder + "/s.json")
        let record = try #require((child["recalibrations"] as? [[String: Any]])?.first)
        #expect(abs(try #require(record["intercept"] as? Double) - a) < 1e-8)
        #expect(abs(try #require(record["slope"] as? Double) - b) < 1e-8)
        let old = try estimates(try json(CLIRunner.packageRoot.path + "/" + model)), new = try estimates(child)
        #expect(abs(new[0] - (a + b * old[0])) < 1e-7)
        for j in 1..<old.count { #expect(abs(new[j] - b * old[j]) < 1e-9 * max(1, abs(old[j]))) }
        // A second recalibration chains: its parent is the first child, and inspect lists both.
        let again = try CLIRunner.run(["recalibrate", "--model", folder + "/s.json", "--data", data, "--method", "intercept",
                                       "--out", folder + "/t.json"])
        #expect(again.status == 0, "\(again.stderr)")
        let chain = try #require(try json(folder + "/t.json")["recalibrations"] as? [[String: Any]])
        #expect(chain.count == 2 && chain[1]["parent_checksum"] as? String == child["checksum"] as? String)
        // Recalibrating a calibrated model changes nothing: a ≈ 0.
        #expect(abs(try #require(chain[1]["intercept"] as? Double)) < 1e-9)
        let shown = try CLIRunner.run(["inspect", folder + "/t.json"])
        #expect(shown.stdout.components(separatedBy: "\nRecalibrated ").count == 3)
        // The new model scores patients.
        let scored = try CLIRunner.run(["score", "--model", folder + "/t.json", "--data", data, "--format", "csv"])
        #expect(scored.status == 0, "\(scored.stderr)")
    }

    @Test func refusesToOverwriteTheModel() throws {
        #expect(try CLIRunner.run(["recalibrate", "--model", model, "--data", data, "--method", "slope", "--out", model]).status == 64)
        #expect(try CLIRunner.run(["recalibrate", "--model", model, "--data", data, "--method", "shift"]).status == 64)
    }
}
