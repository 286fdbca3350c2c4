import RiskKitStatistics
import RiskKitData

/// The known data-generating model behind a simulated cohort, written beside the data so analysts can check
/// what a fitted model recovers.
///
/// `logit P(event) = intercept + Σ coefficient·(value − center) + Σ snp.effect·(dosage − 2·snp.frequency)`
/// where values are the *underlying* (complete) clinical values before cells were blanked as missing.
public struct TrueModel: Codable, Sendable {
    /// Always `riskkit-true-model`.
    public var format: String
    /// Plain statement that the data are synthetic.
    public var description: String
    /// The outcome column.
    public var outcome: String
    /// Intercept of the true logistic model.
    public var intercept: Double
    /// Clinical and lifestyle effects (log odds per unit, or per level against the reference).
    public var effects: [TrueEffect]
    /// Per-SNP allele frequency and effect of the counted allele's dosage.
    public var snps: [TrueSNP]
    /// Standard deviation of the genetic part of the linear predictor in the population.
    public var geneticSD: Double
    /// Seed used for the individuals (the SNP frequencies and effects depend only on the number of SNPs).
    public var seed: UInt64
    /// Number of individuals simulated.
    public var individuals: Int
    /// Fraction of individuals with an event (among those with a known outcome).
    public var eventRate: Double
    /// Number of ancestral populations, when more than one (their allele frequencies follow
    /// ``CohortSimulation/populationFrequencies(_:)``).
    public var populations: Int?
    /// Who has an outcome, when not everyone (the others' outcome cell is empty).
    public var appliesTo: String?

    enum CodingKeys: String, CodingKey {
        case format, description, outcome, intercept, effects, snps
        case geneticSD = "genetic_sd"
        case seed, individuals
        case eventRate = "event_rate"
        case populations
        case appliesTo = "applies_to"
    }
}

/// One clinical effect in the true model.
public struct TrueEffect: Codable, Sendable {
    /// Column name, or `column=level` for a level of a categorical column.
    public var name: String
    /// Log-odds per unit (or for the level against the reference).
    public var coefficient: Double
    /// The value subtracted before multiplying (0 for levels and 0/1 indicators).
    public var center: Double
}

/// One simulated SNP.
public struct TrueSNP: Codable, Sendable {
    /// Column name in `genotypes.csv`.
    public var id: String
    /// Frequency of the counted allele.
    public var frequency: Double
    /// Log-odds per counted allele (0 for non-causal SNPs).
    public var effect: Double
}
