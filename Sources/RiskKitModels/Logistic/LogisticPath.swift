
/// Penalized fits along a decreasing sequence of λ values (glmnet's solution path).
public struct LogisticPath: Sendable, Equatable {
    /// Names of the design columns.
    public let columnNames: [String]
    /// The penalty (its α applies to every λ).
    public let penalty: Penalty
    /// Per-column penalty factors used (intercept 0).
    public let penaltyFactor: [Double]
    /// λ values, decreasing.
    public let lambdas: [Double]
    /// Coefficients at each λ (`coefficients[k][j]` for λ index k, column j).
    public let coefficients: [[Double]]
    /// Training deviance at each λ.
    public let deviances: [Double]
    /// Deviance of the intercept-only model (with the offset), the base of ``devianceRatios``.
    public let nullDeviance: Double
    /// IRLS iterations used at each λ.
    public let iterations: [Int]

    /// Number of nonzero coefficients at each λ, intercept excluded (glmnet's `df`).
    public var nonzeroCounts: [Int] { coefficients.map { $0.dropFirst().filter { $0 != 0 }.count } }

    /// Fraction of the null deviance explained at each λ (glmnet's `dev.ratio`).
    public var devianceRatios: [Double] { deviances.map { 1 - $0 / nullDeviance } }

    /// The fit at λ index `index`, without inference fields.
    public func fit(at index: Int) -> LogisticFit {
        LogisticFit(
            columnNames: columnNames, coefficients: coefficients[index], covariance: nil, standardErrors: nil,
            zValues: nil, pValues: nil, confidenceIntervals: nil, deviance: deviances[index], nullDeviance: nullDeviance,
            logLikelihood: -deviances[index] / 2, iterations: iterations[index], converged: true, penalty: penalty,
            lambda: lambdas[index])
    }
}
