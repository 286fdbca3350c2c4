import RiskKitData
import RiskKitLinearAlgebra

extension PolygenicScoreModel {
    /// Scores of some samples of a fileset, with how the model's variants were found in it.
    public struct Scores: Sendable {
        /// Raw scores, one per sample of the subset, in its order.
        public var raw: [Double]
        /// Model variants found with the same alleles.
        public var matched: Int
        /// Of those, found with the effect allele as the `.bim` A2.
        public var swapped: Int
        /// Model variants not in the fileset, or present with other alleles: each adds its reference mean
        /// 2·f·weight to every score.
        public var unavailable: Int
        /// Missing calls imputed from the model's frequencies.
        public var imputedCalls: Int
    }

    /// Scores `samples` of `fileset`: Σ weight × effect-allele dosage over the model's variants, matched by id with
    /// the effect allele equal to the `.bim` A1 or A2 (no strand flip). A missing call counts as 2f (f the model's
    /// reference effect-allele frequency) and an unavailable variant as 2f for every sample, so that scores stay on
    /// the scale of the reference distribution. See ``AlleleDosageScores`` for the kernel.
    public func score(fileset: PlinkFileset, samples: SampleSubset) -> Scores {
        Self.score(variants, fileset: fileset, samples: samples)
    }

    /// Scores `samples` of `fileset` with weighted `variants` (see ``score(fileset:samples:)``), before a model
    /// holding them exists (its reference distribution is made from such scores).
    public static func score(_ variants: [Variant], fileset: PlinkFileset, samples: SampleSubset) -> Scores {
        let byID = VariantIDIndex(fileset.variants.map(\.id))
        var scored: [AlleleDosageScores.ScoredVariant] = []
        var weights: [Double] = [], frequencies: [Double] = []
        var constant = 0.0, unavailable = 0, swapped = 0
        for v in variants {
            let found = byID.first(v.id)
            let effectIsA1 = found.flatMap { k in
                AlleleOrientation.effectIsA1(effect: v.effectAllele, other: v.otherAllele,
                                             a1: fileset.variants[k].allele1, a2: fileset.variants[k].allele2)
            }
            guard let found, let effectIsA1 else {
                unavailable += 1
                constant += 2 * v.effectAlleleFrequency * v.weight
                continue
            }
            if !effectIsA1 { swapped += 1 }
            scored.append(.init(variant: found, effectIsA1: effectIsA1))
            weights.append(v.weight)
            frequencies.append(v.effectAlleleFrequency)
        }
        let result = AlleleDosageScores.compute(
            fileset: fileset, samples: samples, variants: scored,
            weights: Matrix(rows: weights.count, columns: 1, columnMajor: weights), frequencies: frequencies)
        return Scores(raw: result.scores.storage.map { $0 + constant }, matched: scored.count, swapped: swapped,
                      unavailable: unavailable, imputedCalls: result.imputedCalls)
    }

    /// The weights as a PLINK-style weight file, header `ID A1 WEIGHT`, tab-separated, full precision: usable by
    /// `riskkit prs score --weights` and `plink2 --score FILE 1 2 3 header`.
    public func plinkWeightFile() -> String {
        var text = "ID\tA1\tWEIGHT\n"
        for v in variants { text += "\(v.id)\t\(v.effectAllele)\t\(v.weight)\n" }
        return text
    }
}
