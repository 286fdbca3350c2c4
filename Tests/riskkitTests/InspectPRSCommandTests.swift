import Foundation
import Testing

/// `inspect` of a polygenic score model (observed: it was refused as "not a RiskKit model file"): the summary and
/// every variant, as the file holds them.
@Suite struct InspectPRSCommandTests {
    let path = "Models/demo-cvd-prs.prs.json"

    /// The model file as JSON.
    func file() throws -> [String: Any] {
        let data = try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent(path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func jsonSummarizesTheFile() throws {
        let result = try CLIRunner.run(["inspect", path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let model = try file()
        let variants = try #require(model["variants"] as? [[String: Any]])
        #expect(shown["method"] as? String == model["method"] as? String)
        #expect(shown["checksum"] as? String == model["checksum"] as? String)
        #expect(shown["variant_count"] as? Int == variants.count)
        #expect((shown["variants"] as? [[String: Any]])?.map { $0["id"] as? String } == variants.map { $0["id"] as? String })
        let reference = try #require(shown["reference"] as? [String: Any])
        let stored = try #require(model["reference"] as? [String: Any])
        #expect(reference["mean"] as? Double == stored["mean"] as? Double && reference["sd"] as? Double == stored["sd"] as? Double)
        let ancestry = try #require(shown["ancestry"] as? [String: Any])
        let adjustment = try #require((model["ancestry"] as? [String: Any])?["adjustment"] as? [String: Any])
        #expect(ancestry["components"] as? Int == adjustment["componentCount"] as? Int)
    }

    @Test func csvListsEveryVariant() throws {
        let result = try CLIRunner.run(["inspect", path, "--format", "csv"])
        #expect(result.status == 0)
        let variants = try #require(try file()["variants"] as? [[String: Any]])
        let expected = ["id,chrom,pos,effect_allele,other_allele,weight,effect_allele_frequency"] + variants.map { v in
            ["\(v["id"]!)", "\(v["chromosome"]!)", "\(v["position"]!)", "\(v["effect_allele"]!)", "\(v["other_allele"]!)",
             "\(v["weight"]!)", "\(v["effect_allele_frequency"]!)"].joined(separator: ",")
        }
        #expect(result.stdout.split(separator: "\n").map(String.init) == expected)
    }

    @Test func tableNamesMethodVariantsAndProvenance() throws {
        let result = try CLIRunner.run(["inspect", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Polygenic score model: 5 variants, method ct"))
        #expect(result.stdout.contains("Ancestry: 4 principal components"))
        #expect(result.stdout.contains("by RiskKit 0.1.0 from 2000 reference samples"))
    }
}
