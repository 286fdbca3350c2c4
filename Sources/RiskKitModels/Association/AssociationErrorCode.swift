/// Why a variant's regression has no estimate, with plink2's `ERRCODE` spelling as the raw value.
public enum AssociationErrorCode: String, Sendable, Equatable, CaseIterable {
    /// No more samples with a call than predictors (intercept, genotype and covariates).
    case tooFewSamples = "SAMPLE_CT<=PREDICTOR_CT"
    /// Every sample in the regression has the same genotype.
    case constantGenotype = "CONST_OMITTED_ALLELE"
    /// The genotype correlates with a covariate (or two covariates with each other) beyond `maxCorrelation`.
    case correlationTooHigh = "CORR_TOO_HIGH"
    /// The predictors' correlation matrix is singular.
    case vifInfinite = "VIF_INFINITE"
    /// A predictor's variance inflation factor exceeds `maxVIF`.
    case vifTooHigh = "VIF_TOO_HIGH"
    /// Logistic regression did not converge and Firth fallback was turned off.
    case logisticConvergeFail = "LOGISTIC_CONVERGE_FAIL"
    /// A zero case or control allele count and Firth fallback turned off.
    case separation = "SEPARATION"
    /// The Firth-penalized fit did not converge.
    case firthConvergeFail = "FIRTH_CONVERGE_FAIL"
    /// The estimates' covariance is degenerate (a variance below 1e-20, or two estimates correlated above 0.99999).
    case invalidResult = "INVALID_RESULT"
}
