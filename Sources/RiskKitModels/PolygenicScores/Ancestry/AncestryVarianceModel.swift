/// How Z_norm2 models the score's variance as a function of the PCs (both as in pgsc_calc's `pgs_adjust`).
public enum AncestryVarianceModel: String, Codable, Sendable, Equatable {
    /// Mean and log-variance fitted jointly by maximum likelihood (``MeanVarianceRegression``), started from the
    /// two-step fits: pgsc_calc's default (`norm2_2step=False`).
    case fullLikelihood
    /// Mean from the OLS of Z_norm1; variance from a gamma GLM with log link on the squared residuals
    /// (``GammaLogLinkRegression``): pgsc_calc's `norm2_2step=True`, except that pgsc_calc fits the gamma model
    /// with scikit-learn's `GammaRegressor`, whose default L2 penalty (α = 1) shrinks the slopes; here it is
    /// unpenalized, as statsmodels' `GLM`.
    case twoStep
}
