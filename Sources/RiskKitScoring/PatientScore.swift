import Foundation
import RiskKitModels
import RiskKitStatistics
import RiskKitData

/// A patient's absolute risk with its context: percentile in the training population and the factors driving it.
public struct PatientScore: Sendable, Equatable {
    /// The patient's identifier (`nil` for a single patient given without one).
    public var id: String?
    /// Predicted probability of the outcome.
    public var risk: Double
    /// Percentile (0–100) of `risk` among the model's training population.
    public var percentile: Double
    /// Log odds.
    public var linearPredictor: Double
    /// Per-feature contributions to the log odds relative to an average training patient, largest first.
    public var contributions: [Contribution]
    /// Features that were missing and imputed for this patient.
    public var imputed: [String]
    /// Values beyond the range observed in training (schema order): the risk is an extrapolation there.
    public var extrapolated: [Extrapolation] = []
    /// The genetic and non-genetic parts of the risk, for models with a polygenic score.
    public var genetics: GeneticRisk?
}

/// A patient's risk split into its genetic and non-genetic parts.
///
/// The non-genetic risk is the model's risk with the polygenic score at the training mean (an average genetic
/// background); the genetic part is the score's log-odds term relative to that mean, β·(score − mean), and its
/// odds ratio. Together: logit(risk) = logit(risk without genetics) + genetic log odds.
public struct GeneticRisk: Sendable, Equatable, Codable {
    /// Polygenic score on the model's scale (``GeneticComponent/scale``); nil when the patient has no genotypes, or
    /// lies outside the ancestry reference: the score was imputed at the mean.
    public var score: Double?
    /// Percentile of a raw score among the score's reference samples; 100·Φ(score) on an ancestry-adjusted scale.
    public var percentile: Double?
    /// (score − training mean) / training SD.
    public var z: Double?
    /// β·(score − training mean): the genetic log odds relative to an average genetic background.
    public var logOdds: Double
    /// e^logOdds.
    public var oddsRatio: Double
    /// Risk with the score at the training mean.
    public var riskWithoutGenetics: Double
    /// The patient's ancestry distance from the score's reference (models on an ancestry-adjusted scale, patients
    /// with genotypes).
    public var ancestry: AncestryDistance? = nil
    /// Why the genetic part is not assessed although the patient has genotypes (outside the ancestry reference).
    public var notAssessableReason: String? = nil

    enum CodingKeys: String, CodingKey {
        case score, percentile, z, ancestry
        case logOdds = "log_odds"
        case oddsRatio = "odds_ratio"
        case riskWithoutGenetics = "risk_without_genetics"
        case notAssessableReason = "not_assessable_reason"
    }
}

extension RiskModel {
    /// Scores one patient (``PatientScorer/score(_:)`` without genotype scores or policy).
    /// - Throws: ``DataError`` (with the line, when known) if a value does not parse or a level is unknown.
    public func score(_ input: PatientInput) throws -> PatientScore {
        try PatientScorer(model: self).score(input)
    }
}
