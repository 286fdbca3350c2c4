import Foundation
import RiskKitStatistics
import RiskKitData

/// How a model's coefficients were obtained.
public struct FitSummary: Codable, Sendable, Equatable {
    /// `none`, `l2`, `l1` or `elasticnet`.
    public var penalty: String
    /// The penalty weight λ used (nil when unpenalized).
    public var lambda: Double?
    /// The elastic-net mixing α (1 = lasso, 0 = ridge; nil when unpenalized).
    public var alpha: Double?
    /// How λ was chosen, when chosen by cross-validation.
    public var lambdaSelection: CrossValidatedLambda?
    /// Solver iterations.
    public var iterations: Int
    /// Whether the solver met its convergence rule.
    public var converged: Bool
    /// Residual deviance on the training rows.
    public var deviance: Double
    /// Deviance of the intercept-only model.
    public var nullDeviance: Double
    /// Log-likelihood at the estimate.
    public var logLikelihood: Double
    /// Akaike information criterion (unpenalized fits).
    public var aic: Double?
    /// Number of training rows used.
    public var n: Int
    /// Number of events among them.
    public var events: Int

    enum CodingKeys: String, CodingKey {
        case penalty, lambda, alpha
        case lambdaSelection = "lambda_selection"
        case iterations, converged, deviance
        case nullDeviance = "null_deviance"
        case logLikelihood = "log_likelihood"
        case aic, n, events
    }
}

/// The cross-validated choice of λ (like `cv.glmnet`).
public struct CrossValidatedLambda: Codable, Sendable, Equatable {
    /// Number of folds.
    public var folds: Int
    /// `deviance` or `auc`.
    public var measure: String
    /// λ with the best mean held-out measure.
    public var lambdaMin: Double
    /// Largest λ whose mean measure is within one standard error of the best.
    public var lambda1SE: Double
    /// Which of the two was used for the saved coefficients.
    public var chosen: String

    enum CodingKeys: String, CodingKey {
        case folds, measure
        case lambdaMin = "lambda_min"
        case lambda1SE = "lambda_1se"
        case chosen
    }
}

/// Intercept re-anchoring for case-control sampling (King & Zeng 2001 prior correction).
public struct Calibration: Codable, Sendable, Equatable {
    /// The population prevalence τ given at training (`--prevalence`), if any.
    public var prevalence: Double?
    /// The event fraction ȳ in the training sample.
    public var sampleEventRate: Double
    /// The amount subtracted from the fitted intercept: `ln[((1−τ)/τ)·(ȳ/(1−ȳ))]` (0 without `--prevalence`).
    public var interceptShift: Double

    enum CodingKeys: String, CodingKey {
        case prevalence
        case sampleEventRate = "sample_event_rate"
        case interceptShift = "intercept_shift"
    }

    /// Creates the calibration record; the shift is computed from `prevalence` and `sampleEventRate`.
    public init(prevalence: Double?, sampleEventRate: Double) {
        self.prevalence = prevalence
        self.sampleEventRate = sampleEventRate
        if let tau = prevalence {
            let ybar = sampleEventRate
            interceptShift = Foundation.log(((1 - tau) / tau) * (ybar / (1 - ybar)))
        } else {
            interceptShift = 0
        }
    }
}

/// Where a model came from: data, counts, date and tool version.
public struct TrainingProvenance: Codable, Sendable, Equatable {
    /// The training file as given on the command line.
    public var dataFile: String
    /// SHA-256 of the training file's bytes (hex).
    public var dataSHA256: String
    /// Data rows read from the file.
    public var rowsRead: Int
    /// Rows used in the fit.
    public var rowsUsed: Int
    /// Rows skipped, by reason (for example `missing_outcome`).
    public var rowsSkipped: [String: Int]
    /// Events among the rows used.
    public var events: Int
    /// ISO 8601 time the model was trained.
    public var date: String
    /// RiskKit version that trained it.
    public var riskkitVersion: String
    /// The training options, as given (for reproducibility).
    public var options: [String: String]

    enum CodingKeys: String, CodingKey {
        case dataFile = "data_file"
        case dataSHA256 = "data_sha256"
        case rowsRead = "rows_read"
        case rowsUsed = "rows_used"
        case rowsSkipped = "rows_skipped"
        case events, date
        case riskkitVersion = "riskkit_version"
        case options
    }
}
