import RiskKitStatistics
import RiskKitData

/// How a penalized (lasso / elastic-net) score was chosen.
///
/// JSON keys: `alpha`, `folds`, `lambda`, `lambda_1se`, `path` (per λ: `lambda`, `nonzero`, `cv_deviance`,
/// `cv_deviance_se`, `cv_auc`), `stop`, `training_samples`, `training_cases`, `covariates`,
/// `validation_samples`, `validation_auc`, `validation_auc_1se`.
public struct PenalizedSummary: Codable, Sendable, Equatable {
    /// One λ of the path.
    public struct Step: Codable, Sendable, Equatable {
        /// The penalty weight.
        public var lambda: Double
        /// Nonzero variant weights in the full-data fit.
        public var nonzero: Int
        /// Mean held-out deviance over the folds (per sample).
        public var cvDeviance: Double?
        /// Its standard error over the folds.
        public var cvDevianceSE: Double?
        /// Mean held-out AUC over the folds.
        public var cvAUC: Double?

        enum CodingKeys: String, CodingKey {
            case lambda, nonzero
            case cvDeviance = "cv_deviance"
            case cvDevianceSE = "cv_deviance_se"
            case cvAUC = "cv_auc"
        }

        /// Creates a step.
        public init(lambda: Double, nonzero: Int, cvDeviance: Double?, cvDevianceSE: Double?, cvAUC: Double?) {
            self.lambda = lambda
            self.nonzero = nonzero
            self.cvDeviance = cvDeviance
            self.cvDevianceSE = cvDevianceSE
            self.cvAUC = cvAUC
        }
    }

    /// Elastic-net mixing (1 = lasso).
    public var alpha: Double
    /// Cross-validation folds.
    public var folds: Int
    /// The chosen λ (minimum mean held-out deviance).
    public var lambda: Double
    /// The one-standard-error λ.
    public var lambda1SE: Double
    /// The path.
    public var path: [Step]
    /// Why the path ended.
    public var stop: String
    /// Samples the model was fitted on.
    public var trainingSamples: Int
    /// Cases among them.
    public var trainingCases: Int
    /// Unpenalized covariates of the fit (not part of the score).
    public var covariates: [String]
    /// Held-out validation samples (`--validate`), if any.
    public var validationSamples: Int?
    /// AUC of the score on them.
    public var validationAUC: Double?

    enum CodingKeys: String, CodingKey {
        case alpha, folds, lambda
        case lambda1SE = "lambda_1se"
        case path, stop
        case trainingSamples = "training_samples"
        case trainingCases = "training_cases"
        case covariates
        case validationSamples = "validation_samples"
        case validationAUC = "validation_auc"
    }

    /// Creates the summary.
    public init(alpha: Double, folds: Int, lambda: Double, lambda1SE: Double, path: [Step], stop: String,
                trainingSamples: Int, trainingCases: Int, covariates: [String], validationSamples: Int?,
                validationAUC: Double?) {
        self.alpha = alpha
        self.folds = folds
        self.lambda = lambda
        self.lambda1SE = lambda1SE
        self.path = path
        self.stop = stop
        self.trainingSamples = trainingSamples
        self.trainingCases = trainingCases
        self.covariates = covariates
        self.validationSamples = validationSamples
        self.validationAUC = validationAUC
    }
}
