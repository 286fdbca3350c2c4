import RiskKitStatistics
import RiskKitData

/// The genetic part of a risk model trained on genotypes plus lifestyle and clinical data: the polygenic score
/// (weights and the frequencies that impute missing calls, embedded so that the model file is self-contained), the
/// feature that carries it, and the same model refitted without it (for the AUC gain and for separating a patient's
/// genetic and non-genetic risk).
///
/// JSON keys: `feature`, `score` (a ``PolygenicScoreModel`` without its own checksum), `training_mean`,
/// `training_sd`, `coefficients_without_score` (intercept then one per encoded column, the score's 0),
/// `odds_ratio_per_sd` (`{estimate, ci_low, ci_high}`), `scale` (``PolygenicScoreScale``; absent for `raw`, so model
/// files written before it was kept read as raw). With an ancestry-adjusted scale, `score` keeps its `ancestry`.
public struct GeneticComponent: Codable, Sendable {
    /// The model feature holding the score (on ``scale``).
    public var feature: String
    /// The score's weights, frequencies and reference distribution (the training samples), and its ancestry
    /// reference when ``scale`` is ancestry-adjusted.
    public var score: PolygenicScoreModel
    /// The scale of the feature's values; `raw` for model files written before it was kept.
    public var scale: PolygenicScoreScale {
        get { recordedScale ?? .raw }
        set { recordedScale = newValue == .raw ? nil : newValue }
    }
    /// ``scale`` as the file records it: nil for raw, so that raw models' files stay as they were.
    private var recordedScale: PolygenicScoreScale?
    /// Mean of the score over the training rows.
    public var trainingMean: Double
    /// Standard deviation (divisor n) of the score over the training rows.
    public var trainingSD: Double
    /// The model refitted on the same rows without the score (original scale; the score's coefficient is 0).
    public var coefficientsWithoutScore: [Double]
    /// Odds ratio per training SD of the score in the full model, with its Wald 95% CI.
    public var oddsRatioPerSD: OddsRatio

    /// An odds ratio with its 95% confidence interval.
    public struct OddsRatio: Codable, Sendable, Equatable {
        /// Point estimate.
        public var estimate: Double
        /// Lower 95% limit (nil for penalized fits, which have no standard errors).
        public var ciLow: Double?
        /// Upper 95% limit.
        public var ciHigh: Double?

        enum CodingKeys: String, CodingKey {
            case estimate
            case ciLow = "ci_low"
            case ciHigh = "ci_high"
        }

        /// Creates an odds ratio.
        public init(estimate: Double, ciLow: Double?, ciHigh: Double?) {
            self.estimate = estimate
            self.ciLow = ciLow
            self.ciHigh = ciHigh
        }
    }

    enum CodingKeys: String, CodingKey {
        case feature, score
        case trainingMean = "training_mean"
        case trainingSD = "training_sd"
        case coefficientsWithoutScore = "coefficients_without_score"
        case oddsRatioPerSD = "odds_ratio_per_sd"
        case recordedScale = "scale"
    }

    /// Creates the component.
    public init(feature: String, score: PolygenicScoreModel, scale: PolygenicScoreScale = .raw, trainingMean: Double,
                trainingSD: Double, coefficientsWithoutScore: [Double], oddsRatioPerSD: OddsRatio) {
        self.feature = feature
        self.score = score
        recordedScale = scale == .raw ? nil : scale
        self.trainingMean = trainingMean
        self.trainingSD = trainingSD
        self.coefficientsWithoutScore = coefficientsWithoutScore
        self.oddsRatioPerSD = oddsRatioPerSD
    }
}
