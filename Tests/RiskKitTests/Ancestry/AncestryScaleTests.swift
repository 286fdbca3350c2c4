import Foundation
import Testing
import RiskKit
import RiskKitTestSupport
@testable import RiskKitData
@testable import RiskKitModels
@testable import RiskKitScoring

/// A risk model's polygenic score on an ancestry-adjusted scale: the weights of ancestry-weights.tsv scored on the
/// target fileset and adjusted with the 4-PC reference fitted on ancestry-ref, against numpy's values for the same
/// weights (ancestry-target-weighted.tsv, from Fixtures/ancestry-ref-numpy.py: Python 3.11, numpy 2.4.6, scipy
/// 1.17.1, statsmodels 0.15.0; `python3 ancestry-ref-numpy.py`). T26…T30 lie outside the reference PC cloud.
@Suite struct AncestryScaleTests {
    /// The weighted score with its ancestry reference (randomized PCA, adjustment on ancestry-scores.tsv).
    static func scoreModel() throws -> PolygenicScoreModel {
        let fit = try AncestryFixture.fitPCA()
        let scores = try AncestryFixture.scores()
        let ref = try PlinkFileset(prefix: AncestryFixture.reference)
        let adjustment = try AncestryAdjustment.fit(pcs: fit.referenceScores,
                                                    scores: ref.samples.map { scores[$0.individualID]! })
        let variants = try AncestryFixture.rows("ancestry-weights.tsv").map {
            PolygenicScoreModel.Variant(id: $0[0], chromosome: "1", position: 0, effectAllele: $0[1], otherAllele: $0[2],
                                        weight: Double($0[3])!, effectAlleleFrequency: Double($0[4])!)
        }
        var model = PolygenicScoreModel(
            description: nil, method: "weights", variants: variants, reference: ScoreDistribution(scores: Array(scores.values)),
            provenance: PolygenicScoreProvenance(inputs: [:], referenceSamples: 200, variantCounts: [:],
                                                 date: "2026-12-03T00:00:00Z", riskkitVersion: "0", options: [:]))
        model.ancestry = AncestryReference(pca: fit.pca, adjustment: adjustment)
        return model
    }

    /// numpy's rows: IID, SCORE, Z_NORM1, Z_NORM2, MAHALANOBIS2, P, OUTSIDE.
    static func expected() throws -> [[String]] { try AncestryFixture.rows("ancestry-target-weighted.tsv") }

    @Test(arguments: [PolygenicScoreScale.raw, .z1, .z2])
    func genotypeScoresOnEachScaleMatchNumpy(scale: PolygenicScoreScale) throws {
        let target = try PlinkFileset(prefix: AncestryFixture.target)
        let scores = try GenotypeScores(score: try Self.scoreModel(), scale: scale, fileset: target)
        let rows = try Self.expected()
        #expect(rows.count == 30)
        for row in rows {
            let id = row[0], outside = row[6] == "1"
            let value = Double(row[scale == .raw ? 1 : scale == .z1 ? 2 : 3])!
            #expect(isApproximatelyEqual(try #require(scores.byIndividual[id]), value, relative: 1e-9, absolute: 1e-12), "\(id)")
            guard scale.isAncestryAdjusted else {
                #expect(scores.ancestry(for: id) == nil && scores.score(for: id) != nil)
                continue
            }
            let placed = try #require(scores.ancestry(for: id))
            #expect(isApproximatelyEqual(placed.mahalanobisDistanceSquared, Double(row[4])!, relative: 1e-9, absolute: 1e-12))
            #expect(isApproximatelyEqual(placed.pcCloudPValue, Double(row[5])!, relative: 1e-8, absolute: 1e-15))
            #expect(placed.isOutlier == outside)
            // Outside the reference cloud the score is withheld, as for a patient without genotypes.
            #expect((scores.score(for: id) == nil) == outside)
        }
        #expect(scores.outsideReferenceCount == (scale == .raw ? 0 : 5))
    }

    @Test func adjustedScaleNeedsAnAncestryReference() throws {
        var model = try Self.scoreModel()
        model.ancestry = nil
        let target = try PlinkFileset(prefix: AncestryFixture.target)
        #expect(dataError { _ = try GenotypeScores(score: model, scale: .z2, fileset: target) }?.message.contains("ancestry reference") == true)
    }

    /// PatientScorerTests' model (η = β₀ + a − b + ½·[sex = M] + 2·prs, prs training mean 1, SD 1) with the score on
    /// the z2 scale: T1 (inside) gets numpy's Z_norm2 as its prs; T26 (outside) gets no genetic part, the reason,
    /// and the risk at an average genetic background.
    @Test func scoringUsesZNorm2AndWithholdsTheGeneticPartOutsideTheReference() async throws {
        var model = try PatientScorerTests().model(genetic: true)
        model.genetics?.score = try Self.scoreModel()
        model.genetics?.scale = .z2
        let target = try PlinkFileset(prefix: AncestryFixture.target)
        let scorer = PatientScorer(model: model, genotypeScores: try GenotypeScores(genetics: model.genetics!, fileset: target))
        let reports = try await PatientScorerTests().fileReports(scorer, "id,a,b,sex\nT1,1,1,F\nT26,1,1,F\n")
        let rows = Dictionary(uniqueKeysWithValues: try Self.expected().map { ($0[0], $0) })
        let z2 = Double(rows["T1"]![3])!
        let inside = try #require(reports[0].score.genetics)
        #expect(isApproximatelyEqual(try #require(inside.score), z2, relative: 1e-9))
        #expect(isApproximatelyEqual(reports[0].score.linearPredictor, 2 * z2, relative: 1e-9))
        // 100·Φ(z): the ancestry-adjusted percentile.
        #expect(isApproximatelyEqual(try #require(inside.percentile), 50 * erfc(-z2 / 2.0.squareRoot()), relative: 1e-9))
        #expect(isApproximatelyEqual(try #require(inside.ancestry).mahalanobisDistanceSquared, Double(rows["T1"]![4])!, relative: 1e-9))
        #expect(inside.ancestry?.outsideReference == false && inside.notAssessableReason == nil)

        let outside = try #require(reports[1].score.genetics)
        #expect(reports[1].score.imputed == ["prs"] && outside.score == nil && outside.percentile == nil)
        #expect(outside.ancestry?.outsideReference == true)
        #expect(isApproximatelyEqual(try #require(outside.ancestry).mahalanobisDistanceSquared, Double(rows["T26"]![4])!, relative: 1e-9))
        let reason = try #require(outside.notAssessableReason)
        #expect(reason.contains("Mahalanobis D² 24.9 on 4 PCs") && reason.contains("< 0.001"), "\(reason)")
        // The score at its training mean 1: η = 1 − 1 + 2·1, no genetic log odds.
        #expect(reports[1].score.linearPredictor == 2 && outside.logOdds == 0)
        #expect(outside.riskWithoutGenetics == reports[1].score.risk)

        // The JSON Lines writer's own bytes (T1, with the `ancestry` object) are JSONEncoder's.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "id,a,b,sex\nT1,1,1,F\nT26,1,1,F\n".write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let check = try await JSONLinesAgainstEncoder(scorer, path: folder + "/p.csv", encoder: encoder)
        #expect(check.lines == check.expected)
        let lines = check.texts
        #expect(lines[0].contains(#""genetics":{"ancestry":{"mahalanobis_d2":"#))
    }

    @Test func scaleIsKeptInTheModelFileAndAbsentMeansRaw() throws {
        var genetics = try #require(try PatientScorerTests().model(genetic: true).genetics)
        let raw = String(decoding: try JSONEncoder().encode(genetics), as: UTF8.self)
        #expect(!raw.contains("\"scale\""))
        #expect(try JSONDecoder().decode(GeneticComponent.self, from: Data(raw.utf8)).scale == .raw)
        genetics.scale = .z1
        let z1 = try JSONEncoder().encode(genetics)
        #expect(String(decoding: z1, as: UTF8.self).contains("\"scale\":\"z1\""))
        #expect(try JSONDecoder().decode(GeneticComponent.self, from: z1).scale == .z1)
    }
}
