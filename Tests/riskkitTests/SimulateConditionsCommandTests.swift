import Foundation
import RiskKitTestSupport
import Testing

/// `riskkit simulate --conditions` end to end: the files written, and the default output unchanged.
@Suite struct SimulateConditionsCommandTests {
    @Test func conditionsAddColumnsAndTrueModels() throws {
        let plain = try temporaryFolder(), all = try temporaryFolder()
        let common = ["simulate", "--individuals", "60", "--snps", "3", "--seed", "4"]
        #expect(try CLIRunner.run(common + ["--out", plain]).status == 0)
        let r = try CLIRunner.run(common + ["--conditions", "t2d,breast", "--out", all])
        #expect(r.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: all).sorted()
        #expect(files == ["cohort.csv", "data-dictionary.md", "genotypes.csv", "true-model-breast.json",
                          "true-model-t2d.json", "true-model.json"])
        // The CVD columns, genotypes and CVD true model are byte-identical to the run without --conditions.
        let lines = { (folder: String) in
            try String(contentsOfFile: folder + "/cohort.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        }
        let cvdWidth = try lines(plain)[0].split(separator: ",").count
        #expect(try lines(all).map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(cvdWidth).joined(separator: ",") }
            == lines(plain))
        #expect(try lines(all)[0].hasSuffix(",last_hba1c_test,last_mammogram,last_colonoscopy"))
        for name in ["genotypes.csv", "true-model.json"] {
            #expect(FileManager.default.contentsEqual(atPath: plain + "/" + name, andPath: all + "/" + name))
        }
        let t2d = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: all + "/true-model-t2d.json"))) as? [String: Any])
        #expect(t2d["outcome"] as? String == "t2d_10y")
        #expect((t2d["applies_to"] as? String)?.contains("without diabetes") == true)
        let plainTruth = try String(contentsOfFile: plain + "/true-model.json", encoding: .utf8)
        #expect(!plainTruth.contains("applies_to"))
    }

    @Test func unknownConditionIsAUsageError() throws {
        let r = try CLIRunner.run(["simulate", "--individuals", "5", "--snps", "1", "--seed", "1",
                                   "--conditions", "t2d,lung", "--out", try temporaryFolder()])
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown condition `lung`; use cvd, t2d, breast"))
    }
}
