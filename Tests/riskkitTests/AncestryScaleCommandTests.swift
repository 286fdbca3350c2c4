import Foundation
import Testing
import RiskKitTestSupport
@testable import RiskKit

/// `train --prs-scale` and `score` with a risk model whose polygenic score is adjusted for ancestry: the shipped PRS
/// model (Models/demo-cvd-prs.prs.json, 4 ancestry PCs) on the synthetic genetic cohorts. The Z values themselves
/// are checked against numpy in AncestryScaleTests; here the risk model's `prs` must equal what `prs score --model`
/// reports for the same sample (one computation, two commands).
@Suite struct AncestryScaleCommandTests {
    let g = "Notebooks-data/genetic/"
    let prs = "Models/demo-cvd-prs.prs.json"
    let excluded = "years_since_quit,ldl_chol,diastolic_bp,hba1c,on_bp_treatment,pack_years,population"

    func train(_ model: String, _ extra: [String] = []) throws -> CLIRunner.Result {
        try CLIRunner.run(["train", "--data", g + "validation/cohort.csv", "--outcome", "cvd_10y", "--id", "id",
                           "--bfile", g + "validation/cohort", "--prs-weights", prs, "--exclude", excluded,
                           "--out", model] + extra)
    }

    /// `prs score --model PRS --bfile PREFIX --format json`, by IID.
    func prsScores(_ bfile: String) throws -> [String: [String: Any]] {
        let r = try CLIRunner.run(["prs", "score", "--model", prs, "--bfile", bfile, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["iid"] as! String, $0) })
    }

    /// The fields of a CSV record whose quoted fields hold no quote (as in these runs).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        for c in line {
            if c == "\"" {
                quoted.toggle()
            } else if c == "," && !quoted {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        return fields + [field]
    }

    /// `score … --format csv` as rows of named cells.
    func scoreCSV(_ arguments: [String]) throws -> (header: String, rows: [[String: String]], stderr: String) {
        let r = try CLIRunner.run(["score", "--no-policy", "--format", "csv"] + arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let names = lines[0].split(separator: ",").map(String.init)
        let rows = lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(names, Self.fields(line)))
        }
        return (lines[0], rows, r.stderr)
    }

    @Test func trainAndScoreTakeZNorm2AsPRSScoreDoes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/model.json"
        let trained = try train(model)
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("Scale: z2, adjusted for ancestry on 4 PCs"))
        let genetics = try #require(try RiskModel.load(path: model).genetics)
        #expect(genetics.scale == .z2 && genetics.score.ancestry?.pca.componentCount == 4)
        let inspect = try CLIRunner.run(["inspect", model, "--format", "json"])
        let shown = try #require(JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect((shown["genetics"] as? [String: Any])?["scale"] as? String == "z2")

        // Training values: the reference (validation) samples' Z_NORM2 from prs score.
        let reference = try prsScores(g + "validation/cohort")
        let z2 = reference.values.map { $0["z_norm2"] as! Double }
        let mean = z2.reduce(0, +) / Double(z2.count)
        #expect(abs(genetics.trainingMean - mean) < 0.05)

        let expected = try prsScores(g + "test/cohort")
        let scored = try scoreCSV(["--model", model, "--data", g + "test/cohort.csv", "--bfile", g + "test/cohort"])
        #expect(scored.header.contains(",risk_without_genetics,mahalanobis_d2,pc_cloud_p,outside_reference,genetics_not_assessable_reason,status,"))
        #expect(scored.rows.count == 2000)
        for row in scored.rows.prefix(200) {
            let sample = try #require(expected[row["id"]!])
            #expect(isApproximatelyEqual(Double(row["prs"]!)!, sample["z_norm2"] as! Double, relative: 1e-12, absolute: 1e-14))
            #expect(isApproximatelyEqual(Double(row["mahalanobis_d2"]!)!, sample["mahalanobis_d2"] as! Double, relative: 1e-12))
            #expect(isApproximatelyEqual(Double(row["pc_cloud_p"]!)!, sample["pc_cloud_p"] as! Double, relative: 1e-12))
            #expect(row["outside_reference"] == ((sample["outside_reference"] as! Bool) ? "1" : "0"))
        }
    }

    @Test func rawScaleOnRequestAndOldModelFilesScoreAsBefore() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/model.json"
        #expect(try train(model, ["--prs-scale", "raw"]).status == 0)
        // The shipped genetic model was written before the scale was kept: it reads as raw.
        let expected = try prsScores(g + "test/cohort")
        for file in [model, "Models/demo-cvd-genetic-model.json"] {
            let path = file.hasPrefix("/") ? file : CLIRunner.packageRoot.path + "/" + file
            let saved = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            let keys = try #require(saved["genetics"] as? [String: Any])
            #expect(keys["scale"] == nil && (keys["score"] as? [String: Any])?["ancestry"] == nil)
            #expect(try RiskModel.load(path: path).genetics?.scale == .raw)
            let scored = try scoreCSV(["--model", file, "--data", g + "test/cohort.csv", "--bfile", g + "test/cohort"])
            #expect(scored.header.contains(",prs,prs_percentile,genetic_odds_ratio,risk_without_genetics,status,"))
            for row in scored.rows.prefix(50) {
                let sample = try #require(expected[row["id"]!])
                #expect(isApproximatelyEqual(Double(row["prs"]!)!, sample["score"] as! Double, relative: 1e-12, absolute: 1e-14))
            }
        }
    }

    @Test func adjustedScaleWithoutAncestryIsAUsageError() throws {
        let fixtures = "Tests/RiskKitTests/Fixtures/"
        let r = try CLIRunner.run([
            "train", "--data", fixtures + "genetic-train.csv", "--outcome", "cvd_10y", "--id", "id",
            "--bfile", fixtures + "genetic-train", "--prs-weights", fixtures + "genetic-weights.txt", "--prs-scale", "z1",
            "--out", FileManager.default.temporaryDirectory.path + "/never-\(UUID().uuidString).json",
        ])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--prs-scale z1 adjusts the score for ancestry") && r.stderr.contains("--ancestry-pcs"))
        let alone = try CLIRunner.run(["train", "--data", fixtures + "genetic-train.csv", "--outcome", "cvd_10y",
                                       "--prs-scale", "z2", "--out", "/nonexistent/model.json"])
        #expect(alone.status == 64)
    }

    /// Two patients typed on the test cohort's variants: IN with the genotypes of S13-000001, OUT homozygous for
    /// the allele that moves PC1 up at every PCA variant (far beyond every population along PC1).
    @Test func patientOutsideTheReferenceGetsNoGeneticPart() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/model.json"
        #expect(try train(model).status == 0)
        let cohort = try PlinkFileset(prefix: CLIRunner.packageRoot.path + "/" + g + "test/cohort")
        let m = cohort.variantCount
        let dosages = cohort.decode(variants: 0..<m, samples: SampleSubset(indices: [0], of: cohort.sampleCount), missing: .nan)
        var writer = PlinkFilesetWriter(variants: cohort.variants, samples: 2)
        writer.append(PlinkSample(familyID: "IN", individualID: "IN"),
                      dosages: (0..<m).map { j in dosages[0, j].isNaN ? 3 : UInt8(dosages[0, j]) })
        let pca = try #require(try PolygenicScoreModel.load(path: CLIRunner.packageRoot.path + "/" + prs).ancestry?.pca)
        var pc1: [String: (allele: String, loading: Double)] = [:]
        for (j, v) in pca.variants.enumerated() { pc1[v.id] = (v.allele1, pca.loadings[j]) }
        writer.append(PlinkSample(familyID: "OUT", individualID: "OUT"), dosages: cohort.variants.map { v in
            guard let (allele, loading) = pc1[v.id] else { return 3 }
            return (loading > 0) == (allele == v.allele1) ? 2 : 0
        })
        try writer.write(prefix: folder + "/two")
        let csv = try String(contentsOfFile: CLIRunner.packageRoot.path + "/" + g + "test/cohort.csv", encoding: .utf8)
        let lines = csv.split(separator: "\n")
        let patient = lines[1].drop { $0 != "," }
        try (lines[0] + "\nIN" + patient + "\nOUT" + patient + "\n").write(toFile: folder + "/two.csv", atomically: true, encoding: .utf8)

        let scored = try scoreCSV(["--model", model, "--data", folder + "/two.csv", "--bfile", folder + "/two"])
        #expect(scored.stderr.contains("1 of 2 samples lie outside the score's reference PC cloud"))
        let inside = scored.rows[0], outside = scored.rows[1]
        #expect(inside["outside_reference"] == "0" && !inside["prs"]!.isEmpty && inside["genetics_not_assessable_reason"] == "")
        #expect(outside["status"] == "scored" && outside["outside_reference"] == "1" && outside["prs"] == "")
        #expect(outside["imputed"] == "prs" && outside["risk"] == outside["risk_without_genetics"])
        #expect(Double(outside["pc_cloud_p"]!)! < 1e-3)
        #expect(outside["genetics_not_assessable_reason"]?.contains("Mahalanobis D²") == true)
        // JSON and the single-patient view say the same.
        let json = try CLIRunner.run(["score", "--no-policy", "--model", model, "--data", folder + "/two.csv",
                                      "--bfile", folder + "/two", "--format", "json"])
        let out = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.split(separator: "\n")[1].utf8)) as? [String: Any])
        let genetics = try #require(out["genetics"] as? [String: Any])
        #expect((genetics["ancestry"] as? [String: Any])?["outside_reference"] as? Bool == true)
        #expect((genetics["not_assessable_reason"] as? String)?.contains("ancestry outside") == true && genetics["score"] == nil)
        let one = try CLIRunner.run(["score", "--no-policy", "--model", model, "--bfile", folder + "/two",
                                     "--set", "id=OUT"] + Self.fields(lines[0], patient))
        #expect(one.stdout.contains("Polygenic score (z2, adjusted for ancestry): not assessable: ancestry outside"), "\(one.stdout)\(one.stderr)")
    }

    /// `--set name=value` for each non-empty field of a CSV row (after its id).
    static func fields(_ header: Substring, _ row: Substring) -> [String] {
        zip(header.split(separator: ",").dropFirst(), row.dropFirst().split(separator: ",", omittingEmptySubsequences: false))
            .filter { !$0.1.isEmpty && !["cvd_10y", "population", "years_since_quit", "ldl_chol", "diastolic_bp", "hba1c",
                                          "on_bp_treatment", "pack_years"].contains($0.0) }.flatMap { ["--set", "\($0.0)=\($0.1)"] }
    }
}
