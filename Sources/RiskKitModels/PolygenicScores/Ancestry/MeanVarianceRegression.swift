import Foundation
import RiskKitLinearAlgebra

/// A normal regression whose mean and log-variance are both linear in the predictors,
/// `y ~ N(D·β, exp(D·γ))`, fitted by maximum likelihood: the "full-likelihood" Z_norm2 model of pgsc_calc
/// (`pgs_adjust` with `norm2_2step=False` and its `fullLL_fit`, pygscatalog `pgscatalog.calc/lib/_ancestry/tools.py`,
/// after Khan et al., *Nature Medicine* 2022).
///
/// Algorithm: Fisher scoring from the given start (pgsc_calc starts from the OLS mean fit and the gamma-GLM variance
/// fit). The expected information is block-diagonal — `Dᵀ·diag(1/v)·D` for β and `½·DᵀD` for γ — so each iteration
/// takes a weighted least-squares step `Δβ = (Dᵀ diag(1/v) D)⁻¹ Dᵀ(e/v)` and a gamma-IRLS step
/// `Δγ = (DᵀD)⁻¹ Dᵀ(e²/v − 1)` (e = y − Dβ, v = exp(Dγ); `dsyrk`/`dpotrf`/`dpotrs`), halving the joint step while
/// the negative log-likelihood `Σ ½(log v + e²/v)` rises by more than rounding (1e-12·(|ℓ₀| + n)), up to 30
/// times. Convergence: the largest full (unhalved) coefficient step `≤ 1e-13`, at most 2000 iterations (the rate
/// is linear; 10–20 iterations in practice). O(n·p²) per iteration. pgsc_calc minimizes the same objective with
/// scipy's BFGS; both reach the same maximum.
public struct MeanVarianceRegression: Sendable {
    /// Mean coefficients β.
    public let meanCoefficients: [Double]
    /// Log-variance coefficients γ.
    public let varianceCoefficients: [Double]
    /// Scoring iterations performed.
    public let iterations: Int
    /// Whether the step fell below the tolerance within the iteration cap.
    public let converged: Bool

    /// Fits the model to `response` with `design` (`n × p`, column-major, intercept column included) from the
    /// starting coefficients `mean` and `variance`.
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(minor:)`` when the design columns are collinear.
    public init(design: Matrix, response y: [Double], startingMean mean: [Double], startingVariance variance: [Double])
        throws
    {
        let (n, p) = (design.rows, design.columns)
        precondition(y.count == n && mean.count == p && variance.count == p, "dimensions do not match the design")
        let gram = try CholeskyFactor(design.gram())
        func objective(_ b: [Double], _ g: [Double]) -> Double {
            let mu = design.multiply(b), eta = design.multiply(g)
            var total = 0.0
            for i in 0..<n {
                let e = y[i] - mu[i]
                total += 0.5 * (eta[i] + e * e * exp(-eta[i]))
            }
            return total
        }
        var beta = mean, gamma = variance
        var current = objective(beta, gamma)
        let slack = 1e-12 * (abs(current) + Double(n))
        var iterations = 0, converged = false
        while iterations < 2000 {
            iterations += 1
            let mu = design.multiply(beta), eta = design.multiply(gamma)
            var weighted = design
            var meanScore = [Double](repeating: 0, count: n), varianceScore = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let precision = exp(-eta[i]), e = y[i] - mu[i]
                let root = precision.squareRoot()
                for j in 0..<p { weighted[i, j] *= root }
                meanScore[i] = e * precision
                varianceScore[i] = e * e * precision - 1
            }
            let information = try CholeskyFactor(weighted.gram())
            var stepBeta = try information.solve(design.multiply(meanScore, transpose: .transpose))
            var stepGamma = try gram.solve(design.multiply(varianceScore, transpose: .transpose))
            let fullStep = Swift.max(Vector.maxAbs(stepBeta), Vector.maxAbs(stepGamma))
            var nextBeta = zip(beta, stepBeta).map(+), nextGamma = zip(gamma, stepGamma).map(+)
            var value = objective(nextBeta, nextGamma)
            var halvings = 0
            while !(value <= current + slack) && halvings < 30 {
                stepBeta = stepBeta.map { $0 / 2 }
                stepGamma = stepGamma.map { $0 / 2 }
                nextBeta = zip(beta, stepBeta).map(+)
                nextGamma = zip(gamma, stepGamma).map(+)
                value = objective(nextBeta, nextGamma)
                halvings += 1
            }
            beta = nextBeta
            gamma = nextGamma
            current = value
            if fullStep <= 1e-13 {
                converged = true
                break
            }
        }
        meanCoefficients = beta
        varianceCoefficients = gamma
        self.iterations = iterations
        self.converged = converged
    }
}
