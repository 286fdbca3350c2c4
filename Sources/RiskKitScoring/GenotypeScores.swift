import RiskKitModels
import RiskKitData

/// The polygenic scores of a PLINK fileset's samples for a model's ``GeneticComponent``, by individual id (IID):
/// what scoring joins to a patient's id.
public struct GenotypeScores: Sendable {
    /// Raw score of each sample, by `.fam` IID.
    public var byIndividual: [String: Double]
    /// Weighted variants of the score found in the fileset.
    public var matchedVariants: Int
    /// Weighted variants not found (counted at their reference mean).
    public var unavailableVariants: Int

    /// Creates scores from their parts.
    public init(byIndividual: [String: Double], matchedVariants: Int, unavailableVariants: Int) {
        self.byIndividual = byIndividual
        self.matchedVariants = matchedVariants
        self.unavailableVariants = unavailableVariants
    }

    /// Scores every sample of `fileset` with `genetics`' polygenic score.
    /// - Throws: ``DataError`` when two samples share an IID.
    public init(genetics: GeneticComponent, fileset: PlinkFileset) throws {
        let (scores, match) = try genetics.score.scoresByIndividual(in: fileset)
        byIndividual = scores
        matchedVariants = match.matched
        unavailableVariants = match.unavailable
    }

    /// The score of the patient with identifier `id`; nil without one or without genotypes.
    public func score(for id: String?) -> Double? { id.flatMap { byIndividual[$0] } }
}
