import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitScoring

@Suite struct WeightMatchTests {
    // A small .bim-like panel (A1 is the counted allele).
    let variants = [
        VariantAlleles(id: "rs1", chromosome: "1", position: 1000, a1: "A", a2: "G"),
        VariantAlleles(id: "rs2", chromosome: "1", position: 2000, a1: "T", a2: "C"),
        VariantAlleles(id: "1:3000", chromosome: "1", position: 3000, a1: "A", a2: "T"),  // strand-ambiguous
        VariantAlleles(id: "rs4", chromosome: "2", position: 4000, a1: "G", a2: "A"),
        VariantAlleles(id: "rs5", chromosome: "2", position: 5000, a1: "C", a2: "A"),
    ]

    func catalog(_ entries: [WeightEntry]) -> ScoreWeights {
        ScoreWeights(source: .pgsCatalog, file: "w", metadata: [:], entries: entries)
    }

    func entry(_ id: String?, _ chr: String?, _ pos: Int?, _ effect: String, _ other: String?, _ w: Double) -> WeightEntry {
        WeightEntry(id: id, chromosome: chr, position: pos, effectAllele: effect, otherAllele: other, weight: w, line: 0)
    }

    /// Each pgsc_calc category, decided by hand from the alleles above.
    @Test func catalogCategories() {
        let w = catalog([
            entry("rs1", "1", 1000, "A", "G", 0.1),   // as given → counts A1
            entry("rs2", "1", 2000, "C", "T", 0.2),   // swapped → counts A2
            entry(nil, "1", 3000, "A", "T", 0.3),     // A/T → ambiguous, dropped
            entry("rs4", "2", 4000, "C", "T", 0.4),   // complement of G/A → flipped, counts A1
            entry(nil, "2", 5000, "T", "G", 0.5),     // by position; complement is A/C → flipped and swapped, counts A2
            entry("rs9", "3", 9000, "A", "G", 0.6),   // absent
            entry("rs1", "1", 1000, "A", "G", 0.7),   // rs1 again → duplicate
            entry("rs2", "1", 2000, "G", "T", 0.8),   // fits rs2 (T/C) neither as given, swapped nor flipped → absent
        ])
        let m = w.match(to: variants)
        #expect(m.statuses == [.matched, .alleleSwapped, .ambiguousDropped, .flipped, .flipped, .absent, .duplicate, .absent])
        #expect(m.weights.map(\.variant) == [0, 1, 3, 4])
        #expect(m.weights.map(\.countsA1) == [true, false, true, false])
        #expect(m.weights.map(\.weight) == [0.1, 0.2, 0.4, 0.5])
        #expect(m.counts[.absent] == 2)
        #expect(abs(m.usedFraction - 0.5) < 1e-15)
    }

    @Test func keepAmbiguousMatchesAsWritten() {
        let m = catalog([entry(nil, "1", 3000, "T", "A", 0.3)]).match(to: variants, keepAmbiguous: true)
        #expect(m.statuses == [.alleleSwapped])
        #expect(m.weights.first?.countsA1 == false)
    }

    /// plink2 --score: id plus exact allele code; no strand flipping.
    @Test func plinkSemantics() {
        let w = ScoreWeights(source: .plink, file: "w", metadata: [:], entries: [
            entry("rs1", nil, nil, "A", nil, 1), entry("rs1x", nil, nil, "A", nil, 2),
            entry("rs2", nil, nil, "C", nil, 3), entry("rs4", nil, nil, "C", nil, 4),
        ])
        let m = w.match(to: variants)
        #expect(m.statuses == [.matched, .absent, .alleleSwapped, .absent])
        #expect(m.weights.map(\.variant) == [0, 1])
    }
}

@Suite struct WeightMatchFilesetTests {
    /// The PLINK-style weights match the committed plink2 fixture's `.bim` by id and allele.
    @Test func matchesFixtureBim() throws {
        let fileset = try PlinkFileset(prefix: fixturePath("plink-tiny"))
        let first = fileset.variants[0], second = fileset.variants[1]
        let weights = ScoreWeights(source: .plink, file: "w", metadata: [:], entries: [
            WeightEntry(id: first.id, chromosome: nil, position: nil, effectAllele: first.allele1, otherAllele: nil, weight: 1, line: 2),
            WeightEntry(id: second.id, chromosome: nil, position: nil, effectAllele: second.allele2, otherAllele: nil, weight: 2, line: 3),
        ])
        let m = weights.match(to: fileset.variants.map(\.alleles))
        #expect(m.statuses == [.matched, .alleleSwapped])
        #expect(m.weights.map(\.variant) == [0, 1])
    }
}
