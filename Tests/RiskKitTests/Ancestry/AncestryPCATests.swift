import Foundation
import Testing
import RiskKit
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring
import RiskKitTestSupport

@Suite struct AncestryPCATests {
    /// numpy's exact SVD of the same standardized 200 × 996 matrix (ancestry-ref-numpy.py prints them):
    /// `np.linalg.svd(X)[1][:4]`; the 5th singular value is 43.647, so components 1–4 stand well above the bulk.
    static let singularValues = [90.89621068464483, 89.4616484088198, 85.19841295630582, 72.95369965105951]
    /// s²/996, the GRM eigenvalues.
    static let eigenvalues = [8.295302326131868, 8.035528650625794, 7.287921255294396, 5.343616759816266]

    @Test func matchesExactSVDOfTheStandardizedMatrix() throws {
        let fit = try AncestryFixture.fitPCA()
        let pca = fit.pca
        #expect(pca.variants.count == 996)
        #expect(pca.excludedVariantCount == 4)           // anc101, anc401, anc701 monomorphic, anc901 no calls
        #expect(pca.referenceSampleCount == 200)
        #expect(pca.convergedComponents == 4)
        for c in 0..<4 {
            #expect(isApproximatelyEqual(pca.singularValues[c], Self.singularValues[c], relative: 1e-12))
            #expect(isApproximatelyEqual(pca.eigenvalues[c], Self.eigenvalues[c], relative: 1e-12))
        }
        // Loadings (same sign convention: largest-|v| entry positive) and frequencies.
        let rows = try AncestryFixture.rows("ancestry-ref-pca.tsv")
        #expect(rows.count == 996)
        var worst = 0.0
        for (j, row) in rows.enumerated() {
            #expect(pca.variants[j].id == row[0] && pca.variants[j].allele1 == row[1])
            #expect(isApproximatelyEqual(pca.variants[j].allele1Frequency, Double(row[2])!, relative: 1e-14))
            for c in 0..<4 { worst = max(worst, abs(pca.loadings[j + c * 996] - Double(row[3 + c])!)) }
        }
        #expect(worst < 1e-11, "largest loading difference \(worst)")
        // Reference PC scores X·V.
        let expected = try AncestryFixture.pcs("ancestry-ref-pcs.tsv")
        worst = 0
        for (i, row) in expected.enumerated() { for c in 0..<4 { worst = max(worst, abs(fit.referenceScores[i, c] - row.pcs[c])) } }
        #expect(worst < 1e-9, "largest PC score difference \(worst)")
    }

    @Test func projectsANewFilesetMatchingByIDAndAllele() throws {
        let fit = try AncestryFixture.fitPCA()
        let target = try PlinkFileset(prefix: AncestryFixture.target)
        let projection = try fit.pca.project(target, samples: .all(target.sampleCount), blockSize: 64)
        // ancestry-gen.py: anc1…anc40 absent, 10 shared variants with other alleles, 100 with A1/A2 swapped
        // (none of them among the 4 excluded variants, which are typed but not in the PCA).
        #expect(projection.absentVariants == 40)
        #expect(projection.mismatchedVariants == 10)
        #expect(projection.matchedVariants == 946)
        #expect(projection.swappedVariants == 100)
        let expected = try AncestryFixture.pcs("ancestry-target-pcs.tsv")
        var worst = 0.0
        for (i, row) in expected.enumerated() { for c in 0..<4 { worst = max(worst, abs(projection.scores[i, c] - row.pcs[c])) } }
        #expect(worst < 1e-9, "largest projection difference \(worst)")
        #expect(projection.missingGenotypes.reduce(0, +) > 0)
    }

    @Test func projectingTheReferenceReproducesItsScores() throws {
        let fit = try AncestryFixture.fitPCA()
        let ref = try PlinkFileset(prefix: AncestryFixture.reference)
        let subset = SampleSubset(indices: [3, 50, 120, 199], of: 200)
        let projection = try fit.pca.project(ref, samples: subset)
        #expect(projection.absentVariants == 0 && projection.mismatchedVariants == 0 && projection.swappedVariants == 0)
        for (r, i) in subset.indices.enumerated() {
            for c in 0..<4 { #expect(abs(projection.scores[r, c] - fit.referenceScores[i, c]) < 1e-10) }
        }
    }

    @Test func roundTripsThroughJSON() throws {
        let pca = try AncestryFixture.fitPCA().pca
        let decoded = try JSONDecoder().decode(AncestryPCA.self, from: JSONEncoder().encode(pca))
        #expect(decoded == pca)
    }

    @Test func rejectsTooManyComponentsAndUnmatchedFilesets() throws {
        let ref = try PlinkFileset(prefix: AncestryFixture.reference)
        let few = SampleSubset(indices: [0, 1, 2], of: 200)
        #expect(dataError { _ = try AncestryPCA.fit(fileset: ref, samples: few, components: 3) } != nil)
        let pca = try AncestryPCA.fit(fileset: ref, samples: .all(200), variants: Array(0..<40), components: 2).pca
        let target = try PlinkFileset(prefix: AncestryFixture.target)
        let error = dataError { _ = try pca.project(target, samples: .all(target.sampleCount)) }
        #expect(error?.message.contains("none of the 40 ancestry PCA variants") == true)
    }
}
