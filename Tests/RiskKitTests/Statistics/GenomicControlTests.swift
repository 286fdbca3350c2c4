import Testing
import RiskKit

/// λ_GC by its definition on hand-made statistics.
@Suite struct GenomicControlTests {
    @Test func medianChiSquaredOverItsNullMedian() throws {
        // z = ±Φ⁻¹(0.75) for every test: each χ² is the null median, so λ = 1.
        let q = 0.6744897501960817
        #expect(abs(try #require(GenomicControl.lambda(zStatistics: [q, -q, q])) - 1) < 1e-15)
        // χ² = 1, 4, 9: median 4; an even count takes the middle mean ((1 + 4) / 2); NaN and ∞ are left out.
        #expect(GenomicControl.lambda(zStatistics: [3, -1, 2]) == 4 / GenomicControl.chiSquaredMedian)
        #expect(GenomicControl.lambda(zStatistics: [1, -2, .nan, .infinity]) == 2.5 / GenomicControl.chiSquaredMedian)
        #expect(GenomicControl.lambda(zStatistics: []) == nil)
    }
}
