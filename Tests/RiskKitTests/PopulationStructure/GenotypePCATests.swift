import Foundation
import Testing
import RiskKit
import RiskKitTestSupport

/// `GenotypePCA` on the 577 variants plink2 keeps with `--indep-pairwise 50 5 0.2` (pca-ref-w50.prune.in), against
/// plink2 v2.00a3.5 `--pca 4` (exact, missingness-corrected), `--pca 4 meanimpute` and `--pca 4 approx`
/// (Fixtures/pca-fixtures.sh). plink2 prints 6 significant digits, so the exact method agrees to 6e-6 relative
/// (eigenvalues and every |eigenvector| entry). The randomized SVD converges on PCs 1–2 (eigenvalues 10.2 and 9.3,
/// far above the bulk at 2.7) and agrees there with `meanimpute` to 2e-5; PCs 3–4 lie in the noise bulk, where no
/// approximate method is expected to agree.
@Suite struct GenotypePCATests {
    func fit(_ method: GenotypePCAMethod) throws -> (GenotypePCA, PlinkFileset) {
        let fileset = try PopulationStructureFixture.fileset()
        let kept = Set(try PopulationStructureFixture.lines("pca-ref-w50.prune.in"))
        let variants = (0..<fileset.variantCount).filter { kept.contains(fileset.variants[$0].id) }
        let (samples, founders) = PopulationStructureFixture.selection(fileset)
        let pca = try GenotypePCA.fit(fileset: fileset, samples: samples, frequencySamples: founders,
                                      variants: variants, components: 4, method: method)
        return (pca, fileset)
    }

    func expectEigenvectors(_ pca: GenotypePCA, _ fileset: PlinkFileset, match name: String, components: Range<Int>,
                            tolerance: (Double) -> Double) throws {
        let reference = try PopulationStructureFixture.eigenvectors(name)
        try #require(reference.count == pca.eigenvectors.rows)
        for (r, row) in reference.enumerated() {
            #expect(fileset.samples[r].individualID == row.id)
            for c in components {
                let ours = abs(pca.eigenvectors[r, c]), theirs = abs(row.values[c])
                #expect(abs(ours - theirs) <= tolerance(theirs), "\(row.id) PC\(c + 1)")
            }
        }
    }

    @Test func exactMatchesPlink2() throws {
        let (pca, fileset) = try fit(.exact)
        #expect(pca.variants.count == 577 && pca.excludedVariantCount == 0)
        let expected = try PopulationStructureFixture.eigenvalues("pca-ref-exact.eigenval")
        #expect(isApproximatelyEqual(pca.eigenvalues, expected, relative: 6e-6))
        try expectEigenvectors(pca, fileset, match: "pca-ref-exact.eigenvec", components: 0..<4) { 6e-6 * $0 + 1e-12 }
        // Unit norm, orthogonal.
        let gram = pca.eigenvectors.gram()
        for i in 0..<4 { for j in 0..<4 { #expect(abs(gram[i, j] - (i == j ? 1 : 0)) < 1e-12) } }
    }

    @Test func approximateMatchesPlink2MeanImputeOnTheLeadingComponents() throws {
        let (pca, fileset) = try fit(.approximate(RandomizedSVDOptions()))
        let meanImpute = try PopulationStructureFixture.eigenvalues("pca-ref-meanimpute.eigenval")
        #expect(isApproximatelyEqual(Array(pca.eigenvalues[0..<2]), Array(meanImpute[0..<2]), relative: 2e-5))
        try expectEigenvectors(pca, fileset, match: "pca-ref-meanimpute.eigenvec", components: 0..<2) { _ in 2e-5 }
        // plink2's own approx mode agrees on the leading eigenvalues too.
        let approx = try PopulationStructureFixture.eigenvalues("pca-ref-approx.eigenval")
        #expect(isApproximatelyEqual(Array(pca.eigenvalues[0..<2]), Array(approx[0..<2]), relative: 1e-4))
    }

    @Test func automaticMethodFollowsTheSampleCount() {
        #expect(GenotypePCAMethod.automatic(sampleCount: 5000) == .exact)
        #expect(GenotypePCAMethod.automatic(sampleCount: 5001) == .approximate(RandomizedSVDOptions()))
    }
}
