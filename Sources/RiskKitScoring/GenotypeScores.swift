import RiskKitModels
import RiskKitData

/// The polygenic scores of a PLINK fileset's samples for a model's ``GeneticComponent``, by individual id (IID):
/// what scoring joins to a patient's id.
///
/// For a model on an ancestry-adjusted scale (``PolygenicScoreScale/z1``, ``PolygenicScoreScale/z2``) each sample is
/// also placed against the score's ancestry reference; a sample outside the reference PC cloud gets no score (its
/// adjusted score would be an extrapolation): ``score(for:)`` is nil, as for a patient without genotypes, and
/// ``ancestry(for:)`` tells why.
public struct GenotypeScores: Sendable {
    /// Score of each sample on the model's scale, by `.fam` IID.
    public var byIndividual: [String: Double]
    /// Each sample's raw and adjusted score and ancestry distance, by `.fam` IID (empty for a raw-scale model).
    public var ancestryByIndividual: [String: AdjustedScore]
    /// How the ancestry PCA variants were found in the fileset (nil for a raw-scale model).
    public var projection: AncestryProjection?
    /// Weighted variants of the score found in the fileset.
    public var matchedVariants: Int
    /// Weighted variants not found (counted at their reference mean).
    public var unavailableVariants: Int

    /// Creates scores from their parts.
    public init(byIndividual: [String: Double], matchedVariants: Int, unavailableVariants: Int,
                ancestryByIndividual: [String: AdjustedScore] = [:], projection: AncestryProjection? = nil) {
        self.byIndividual = byIndividual
        self.matchedVariants = matchedVariants
        self.unavailableVariants = unavailableVariants
        self.ancestryByIndividual = ancestryByIndividual
        self.projection = projection
    }

    /// Scores every sample of `fileset` with `genetics`' polygenic score, on its scale (see
    /// ``init(score:scale:fileset:)``).
    /// - Throws: as ``init(score:scale:fileset:)``.
    public init(genetics: GeneticComponent, fileset: PlinkFileset) throws {
        try self.init(score: genetics.score, scale: genetics.scale, fileset: fileset)
    }

    /// Scores every sample of `fileset` with `score` on `scale`: the raw score, or the score adjusted for ancestry by
    /// its ancestry reference (``AncestryReference/adjust(_:samples:raw:)``, the path of `prs score --model`).
    /// - Throws: ``DataError`` when two samples share an IID, when an adjusted scale is asked of a score without an
    ///   ancestry reference, or as ``AncestryReference/adjust(_:samples:raw:)``.
    public init(score: PolygenicScoreModel, scale: PolygenicScoreScale, fileset: PlinkFileset) throws {
        let samples = SampleSubset.all(fileset.sampleCount)
        let result = score.score(fileset: fileset, samples: samples)
        matchedVariants = result.matched
        unavailableVariants = result.unavailable
        guard scale.isAncestryAdjusted else {
            byIndividual = try PolygenicScoreModel.byIndividual(result.raw, in: fileset)
            ancestryByIndividual = [:]
            projection = nil
            return
        }
        guard let ancestry = score.ancestry else {
            throw DataError("the polygenic score on the \(scale.rawValue) scale needs its ancestry reference, which this score has not")
        }
        let (projection, adjusted) = try ancestry.adjust(fileset, samples: samples, raw: result.raw)
        byIndividual = try PolygenicScoreModel.byIndividual(adjusted.map(scale.value(of:)), in: fileset)
        // IIDs are unique: byIndividual has checked them.
        ancestryByIndividual = Dictionary(uniqueKeysWithValues: zip(fileset.samples.map(\.individualID), adjusted))
        self.projection = projection
    }

    /// The score of the patient with identifier `id` on the model's scale; nil without one, without genotypes, or
    /// outside the ancestry reference cloud.
    public func score(for id: String?) -> Double? {
        guard let id, let value = byIndividual[id] else { return nil }
        return ancestryByIndividual[id]?.isOutlier == true ? nil : value
    }

    /// The patient's place against the score's ancestry reference; nil for a raw-scale model or without genotypes.
    public func ancestry(for id: String?) -> AdjustedScore? { id.flatMap { ancestryByIndividual[$0] } }

    /// How many samples lie outside the ancestry reference cloud (their genetic part is not assessed).
    public var outsideReferenceCount: Int { ancestryByIndividual.values.count(where: \.isOutlier) }
}
