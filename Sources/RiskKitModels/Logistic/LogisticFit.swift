import Foundation
import RiskKitLinearAlgebra

/// A fitted logistic regression: coefficients on the design's columns, and Wald inference for unpenalized fits.
public struct LogisticFit: Sendable, Equatable {
    /// A two-sided confidence interval.
    public struct Interval: Sendable, Equatable {
        /// Lower bound.
        public let lower: Double
        /// Upper bound.
        public let upper: Double
    }

    /// Names of the design columns, in order (column 0 is the intercept).
    public let columnNames: [String]
    /// Estimated coefficients `β`, one per design column.
    public let coefficients: [Double]
    /// `(XᵀWX)⁻¹` at the optimum (`dpotri`); nil for penalized fits.
    public let covariance: Matrix?
    /// Wald standard errors `√diag(covariance)`; nil for penalized fits.
    public let standardErrors: [Double]?
    /// Wald statistics `β/se`; nil for penalized fits.
    public let zValues: [Double]?
    /// Two-sided normal p-values of `zValues`; nil for penalized fits.
    public let pValues: [Double]?
    /// 95% Wald intervals `β ± 1.959963984540054·se`; nil for penalized fits.
    public let confidenceIntervals: [Interval]?
    /// Residual deviance `−2·Σ wᵢ·[yᵢ log μᵢ + (1−yᵢ) log(1−μᵢ)]`.
    public let deviance: Double
    /// Deviance of the intercept-only model with the same offset and weights (as R's `glm`).
    public let nullDeviance: Double
    /// Log-likelihood `−deviance/2` (0/1 outcomes, so the saturated log-likelihood is 0).
    public let logLikelihood: Double
    /// Newton or quasi-Newton steps taken (unpenalized), or coordinate-descent outer iterations (penalized).
    public let iterations: Int
    /// Whether the convergence rule was met (false only when the options allowed returning an unconverged fit).
    public let converged: Bool
    /// The penalty used.
    public let penalty: Penalty
    /// The penalty weight λ (0 for unpenalized fits).
    public let lambda: Double

    /// Akaike information criterion `deviance + 2·(number of coefficients)` (unpenalized fits).
    public var aic: Double { deviance + 2 * Double(coefficients.count) }

    /// Odds ratios `exp(β)`.
    public var oddsRatios: [Double] { coefficients.map { exp($0) } }
}
