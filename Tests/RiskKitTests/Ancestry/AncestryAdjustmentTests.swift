import Foundation
import Testing
import RiskKit
@testable import RiskKitLinearAlgebra
@testable import RiskKitData
@testable import RiskKitStatistics
@testable import RiskKitModels
@testable import RiskKitRecommendations
@testable import RiskKitScoring
import RiskKitTestSupport

/// Inputs: numpy's exact PC scores of the 200 reference and 30 target samples (ancestry-ref-pcs.tsv,
/// ancestry-target-pcs.tsv) and the raw scores (ancestry-scores.tsv). Expected values from
/// Fixtures/ancestry-ref-numpy.py (Python 3.11.2, numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0):
/// `sm.OLS(y, D)`, `sm.GLM(r², D, family=sm.families.Gamma(link=sm.families.links.Log())).fit(tol=1e-15)`, the
/// full normal likelihood minimized by scipy BFGS then polished with `scipy.optimize.root` on its gradient
/// (|gradient| 1.7e-14), `scipy.stats.chi2.sf(d², 4)`, `scipy.stats.norm.cdf`.
@Suite struct AncestryAdjustmentTests {
    static let pcMeans = [9.592326932761353e-16, 7.815970093361102e-16, 4.529709940470639e-16, 7.860379014346108e-16]
    static let pcSDs = [6.427332695927347, 6.325893824600325, 6.024437554773578, 5.158605573591086]
    static let offset = 0.52037826
    static let ols = [-1.214306433183765e-17, -0.23405121266329285, 0.23680090811783233, -0.08065410331079735,
                      -0.33903169617409645]
    static let residualSD = 0.670944226972638
    static let gamma = [-0.8631007691134358, -0.05359151626050568, 0.21846656704503864, -0.13183546371845828,
                        -0.2575287907270038]
    static let fullMean = [-0.0021341436925857798, -0.22645925105407444, 0.22361165682885945, -0.08531441882851415,
                           -0.3338249743843363]
    static let fullVariance = [-0.8636135584286273, -0.05633090755467752, 0.22166958240493895, -0.13108125556439607,
                               -0.2593090956295822]

    private func referenceInputs() throws -> (pcs: Matrix, scores: [Double]) {
        let rows = try AncestryFixture.pcs("ancestry-ref-pcs.tsv")
        let scores = try AncestryFixture.scores()
        var pcs = Matrix(rows: rows.count, columns: 4)
        for (i, row) in rows.enumerated() { for c in 0..<4 { pcs[i, c] = row.pcs[c] } }
        return (pcs, rows.map { scores[$0.id]! })
    }

    @Test func fullLikelihoodMatchesStatsmodelsAndScipy() throws {
        let (pcs, scores) = try referenceInputs()
        let model = try AncestryAdjustment.fit(pcs: pcs, scores: scores)
        #expect(model.varianceModel == .fullLikelihood)
        #expect(model.referenceSampleCount == 200 && model.componentCount == 4)
        #expect(isApproximatelyEqual(model.scoreOffset, Self.offset, relative: 1e-14, absolute: 1e-12))
        for c in 0..<4 {
            #expect(abs(model.pcMeans[c] - Self.pcMeans[c]) < 1e-12)
            #expect(isApproximatelyEqual(model.pcStandardDeviations[c], Self.pcSDs[c], relative: 1e-13, absolute: 1e-12))
        }
        #expect(isApproximatelyEqual(model.residualStandardDeviation, Self.residualSD, relative: 1e-12, absolute: 1e-12))
        for j in 0..<5 {
            #expect(isApproximatelyEqual(model.meanCoefficients[j], Self.ols[j], relative: 1e-11, absolute: 1e-12), "OLS \(j)")
            #expect(isApproximatelyEqual(model.norm2MeanCoefficients[j], Self.fullMean[j], relative: 1e-10, absolute: 1e-12), "mean \(j)")
            #expect(isApproximatelyEqual(model.norm2VarianceCoefficients[j], Self.fullVariance[j], relative: 1e-10, absolute: 1e-12), "variance \(j)")
        }
        let pcsT = try AncestryFixture.pcs("ancestry-target-pcs.tsv")
        let expected = try AncestryFixture.rows("ancestry-ref-adjust.tsv")
        #expect(expected.count == 30)
        for (row, target) in zip(expected, pcsT) {
            #expect(row[0] == target.id)
            let r = model.adjust(pcs: target.pcs, score: Double(row[1])!)
            #expect(r.raw == Double(row[1])!)
            #expect(isApproximatelyEqual(r.zNorm1, Double(row[2])!, relative: 1e-10, absolute: 1e-12), "\(row[0]) Z_norm1")
            #expect(isApproximatelyEqual(r.zNorm2, Double(row[3])!, relative: 1e-10, absolute: 1e-12), "\(row[0]) Z_norm2")
            #expect(isApproximatelyEqual(r.mahalanobisDistanceSquared, Double(row[5])!, relative: 1e-11, absolute: 1e-12), "\(row[0]) d²")
            #expect(isApproximatelyEqual(r.pcCloudPValue, Double(row[6])!, relative: 1e-10, absolute: 1e-12), "\(row[0]) p")
            #expect(isApproximatelyEqual(r.rawPercentile, Double(row[7])!, relative: 1e-10, absolute: 1e-12), "\(row[0]) raw percentile")
            #expect(isApproximatelyEqual(r.zNorm2Percentile, Double(row[8])!, relative: 1e-10, absolute: 1e-12), "\(row[0]) Z_norm2 percentile")
            // T26…T30 come from the far population: d² 22.5–26.2 > χ²₄ upper-1e-3 quantile 18.4668
            // (`scipy.stats.chi2.isf(1e-3, 4)`); every other target sample has d² < 7.4.
            #expect(r.isOutlier == (Int(row[0].dropFirst())! >= 26))
        }
    }

    @Test func twoStepMatchesTheGammaGLM() throws {
        let (pcs, scores) = try referenceInputs()
        let model = try AncestryAdjustment.fit(pcs: pcs, scores: scores,
                                               options: AncestryAdjustmentOptions(varianceModel: .twoStep))
        for j in 0..<5 {
            #expect(isApproximatelyEqual(model.norm2MeanCoefficients[j], Self.ols[j], relative: 1e-11, absolute: 1e-12))
            #expect(isApproximatelyEqual(model.norm2VarianceCoefficients[j], Self.gamma[j], relative: 1e-10, absolute: 1e-12), "gamma \(j)")
        }
        let pcsT = try AncestryFixture.pcs("ancestry-target-pcs.tsv")
        for (row, target) in zip(try AncestryFixture.rows("ancestry-ref-adjust.tsv"), pcsT) {
            let r = model.adjust(pcs: target.pcs, score: Double(row[1])!)
            #expect(isApproximatelyEqual(r.zNorm2, Double(row[4])!, relative: 1e-10, absolute: 1e-12), "\(row[0]) two-step Z_norm2")
        }
    }

    @Test func outlierLevelIsTheChiSquareQuantile() throws {
        // χ²₄ upper-1e-3 quantile 18.466826952903173 (`scipy.stats.chi2.isf(1e-3, 4)`): with PCs at the reference
        // mean plus a multiple of one PC's sd, d² = t², so t just below and above √18.4668… straddle the flag.
        let (pcs, scores) = try referenceInputs()
        let model = try AncestryAdjustment.fit(pcs: pcs, scores: scores)
        let edge = 18.466826952903173.squareRoot()
        for (t, flagged) in [(edge * (1 - 1e-9), false), (edge * (1 + 1e-9), true)] {
            var x = Self.pcMeans
            x[2] += t * Self.pcSDs[2]
            let r = model.adjust(pcs: x, score: 0)
            #expect(abs(r.mahalanobisDistanceSquared - t * t) < 1e-9)
            #expect(r.isOutlier == flagged)
        }
    }

    @Test func endToEndFromGenotypes() throws {
        // Randomized PCA → projection → adjustment: the Z values of the numpy pipeline (PCs agree to ~1e-12).
        let fit = try AncestryFixture.fitPCA()
        let scores = try AncestryFixture.scores()
        let ref = try PlinkFileset(prefix: AncestryFixture.reference)
        let model = try AncestryAdjustment.fit(pcs: fit.referenceScores,
                                               scores: ref.samples.map { scores[$0.individualID]! })
        let target = try PlinkFileset(prefix: AncestryFixture.target)
        let projection = try fit.pca.project(target, samples: .all(target.sampleCount))
        for (i, row) in try AncestryFixture.rows("ancestry-ref-adjust.tsv").enumerated() {
            #expect(target.samples[i].individualID == row[0])
            let r = model.adjust(pcs: (0..<4).map { projection.scores[i, $0] }, score: Double(row[1])!)
            #expect(isApproximatelyEqual(r.zNorm1, Double(row[2])!, relative: 1e-9, absolute: 1e-12) && isApproximatelyEqual(r.zNorm2, Double(row[3])!, relative: 1e-9, absolute: 1e-12), "\(row[0])")
        }
        let decoded = try JSONDecoder().decode(AncestryAdjustment.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
    }

    @Test func rejectsUnusableReferences() throws {
        let (pcs, scores) = try referenceInputs()
        #expect(dataError { _ = try AncestryAdjustment.fit(pcs: pcs, scores: scores.map { _ in 1.5 }) }?
            .message.contains("constant") == true)
        var flat = pcs
        for i in 0..<200 { flat[i, 1] = 3 }
        #expect(dataError { _ = try AncestryAdjustment.fit(pcs: flat, scores: scores) }?.message.contains("PC2") == true)
        let few = Matrix(rows: 5, columns: 4, columnMajor: Array(pcs.storage.prefix(20)))
        #expect(dataError { _ = try AncestryAdjustment.fit(pcs: few, scores: Array(scores.prefix(5))) } != nil)
    }
}
