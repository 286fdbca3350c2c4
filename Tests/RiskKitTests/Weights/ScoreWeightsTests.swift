import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitModels

@Suite struct ScoreWeightsTests {
    /// The fixture's content, as written (closed form): rs3 has no id, `chr1` loses its prefix, alleles upper-cased.
    static let expected = [
        WeightEntry(id: "rs1", chromosome: "1", position: 1000, effectAllele: "A", otherAllele: "G", weight: 0.25, line: 11),
        WeightEntry(id: "rs2", chromosome: "1", position: 2000, effectAllele: "C", otherAllele: "T", weight: -0.5, line: 12),
        WeightEntry(id: nil, chromosome: "2", position: 3000, effectAllele: "T", otherAllele: "A", weight: 0.01, line: 13),
        WeightEntry(id: "rs4", chromosome: "2", position: 4000, effectAllele: "G", otherAllele: "C", weight: 0.125, line: 14),
    ]

    @Test(arguments: ["weights-pgs.txt", "weights-pgs.txt.gz"])
    func pgsCatalogFilePlainAndGzipped(_ name: String) throws {
        let w = try ScoreWeights.read(path: fixturePath(name))
        #expect(w.source == .pgsCatalog)
        #expect(w.metadata["pgs_id"] == "PGS999999")
        #expect(w.metadata["genome_build"] == "GRCh38")
        #expect(w.metadata["weight_type"] == "beta")
        #expect(w.entries == Self.expected)
    }

    @Test func plinkStyleFileByPositionAndByName() throws {
        let byPosition = try ScoreWeights.read(path: fixturePath("weights-plink.txt"))
        #expect(byPosition.source == .plink)
        #expect(byPosition.entries.map(\.id) == ["rs1", "rs2", "rs4"])
        #expect(byPosition.entries.map(\.effectAllele) == ["A", "T", "G"])
        #expect(byPosition.entries.map(\.weight) == [0.25, -0.5, 0.125])
        let byName = try ScoreWeights.read(path: fixturePath("weights-plink.txt"), columns: ("ID", "A1", "WEIGHT"))
        #expect(byName.entries == byPosition.entries)
    }

    /// `gzip -d` semantics: concatenated members decompress to the concatenation (checked with Python's gzip).
    @Test func concatenatedGzipMembers() throws {
        let bytes = try GzipFile.read(path: fixturePath("weights-two-members.gz"))
        #expect(String(decoding: bytes, as: UTF8.self) == "first member\nsecond member\n")
    }

    @Test func truncatedGzipIsAnError() throws {
        let full = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixturePath("weights-pgs.txt.gz"))))
        #expect(throws: DataError.self) { try GzipFile.inflate(Array(full.prefix(full.count / 2)), name: "half.gz") }
    }

    @Test func malformedWeightNamesLineAndColumn() {
        let text = "#pgs_id=X\nrsID\teffect_allele\teffect_weight\nrs1\tA\tabc\n"
        let error = dataError { _ = try ScoreWeights.parsePGSCatalog(text, file: "w.txt") }
        #expect(error?.line == 3 && error?.column == "effect_weight")
    }

    @Test func nonAdditiveScoresAreRefused() {
        let dosage = "#pgs_id=X\nrsID\teffect_allele\teffect_weight\tdosage_0_weight\nrs1\tA\t0.1\t0\n"
        #expect(dataError { _ = try ScoreWeights.parsePGSCatalog(dosage, file: "w.txt") } != nil)
        let haplotype = "#pgs_id=X\nrsID\teffect_allele\teffect_weight\tis_haplotype\nrs1\tA\t0.1\tTrue\n"
        #expect(dataError { _ = try ScoreWeights.parsePGSCatalog(haplotype, file: "w.txt") }?.column == "is_haplotype")
    }
}
