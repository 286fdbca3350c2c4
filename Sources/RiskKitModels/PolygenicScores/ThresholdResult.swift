import RiskKitStatistics
import RiskKitData

/// How the score at one p-value threshold performs on the validation samples.
///
/// JSON keys (stable): `threshold`, `variants`, `auc`, `r2`, `or_per_sd`, `p`, `note`.
public struct ThresholdResult: Codable, Sendable, Equatable {
    /// Index variants with p ≤ this enter the score.
    public var threshold: Double
    /// Number of index variants in the score.
    public var variants: Int
    /// AUC of the score alone; nil when it cannot be computed (see ``note``).
    public var auc: Double?
    /// Nagelkerke R² of score + covariates minus that of the covariates alone (PRSice-2's `R2`).
    public var r2: Double?
    /// Odds ratio per standard deviation of the score, adjusted for the covariates.
    public var oddsRatioPerSD: Double?
    /// Wald p-value of the score in the model with the covariates.
    public var p: Double?
    /// Why a measure is missing (no variant, a constant score, a fit that failed).
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case threshold, variants, auc, r2, oddsRatioPerSD = "or_per_sd", p, note
    }

    /// Creates a result.
    public init(threshold: Double, variants: Int, auc: Double? = nil, r2: Double? = nil, oddsRatioPerSD: Double? = nil,
                p: Double? = nil, note: String? = nil) {
        self.threshold = threshold
        self.variants = variants
        self.auc = auc
        self.r2 = r2
        self.oddsRatioPerSD = oddsRatioPerSD
        self.p = p
        self.note = note
    }
}
