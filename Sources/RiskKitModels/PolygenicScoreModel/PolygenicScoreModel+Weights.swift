import Foundation
import RiskKitData
import RiskKitLinearAlgebra

extension PolygenicScoreModel {
    /// A model from published or external weights already matched to `fileset` (``PolygenicScore/match``):
    /// effect-allele frequencies and the reference distribution come from `samples` of the fileset, so that later
    /// scores are imputed and ranked against them. Returns the model and the samples' raw scores (subset order).
    public static func fromMatchedWeights(
        _ match: WeightMatch, weights: ScoreWeights, fileset: PlinkFileset, samples: SampleSubset,
        description: String?, provenance: PolygenicScoreProvenance
    ) -> (model: PolygenicScoreModel, scores: [Double]) {
        let scored = match.weights.map { AlleleDosageScores.ScoredVariant(variant: $0.variant, effectIsA1: $0.countsA1) }
        let result = AlleleDosageScores.compute(
            fileset: fileset, samples: samples, variants: scored,
            weights: Matrix(rows: scored.count, columns: 1, columnMajor: match.weights.map(\.weight)))
        let variants = match.weights.enumerated().map { k, w in
            let bim = fileset.variants[w.variant]
            return Variant(
                id: bim.id, chromosome: bim.chromosome, position: bim.position,
                effectAllele: w.countsA1 ? bim.allele1 : bim.allele2, otherAllele: w.countsA1 ? bim.allele2 : bim.allele1,
                weight: w.weight, effectAlleleFrequency: result.frequencies[k])
        }
        let scores = result.scores.storage
        let model = PolygenicScoreModel(
            description: description ?? weights.metadata["pgs_name"] ?? weights.metadata["pgs_id"],
            method: weights.source == .pgsCatalog ? "pgs-catalog" : "weights", variants: variants,
            reference: ScoreDistribution(scores: scores), provenance: provenance)
        return (model, scores)
    }

    /// `raw` (one score per `.fam` sample, in order) keyed by individual id.
    /// - Throws: ``DataError`` when two samples share an IID.
    public static func byIndividual(_ raw: [Double], in fileset: PlinkFileset) throws -> [String: Double] {
        var byID: [String: Double] = [:]
        byID.reserveCapacity(fileset.sampleCount)
        for (sample, value) in zip(fileset.samples, raw) {
            guard byID.updateValue(value, forKey: sample.individualID) == nil else {
                throw DataError(file: fileset.prefix + ".fam", column: "IID",
                                "two samples share an individual id; ids must be unique to join genotypes to data rows")
            }
        }
        return byID
    }
}
