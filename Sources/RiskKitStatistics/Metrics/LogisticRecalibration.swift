import Foundation
import RiskKitData

/// Logistic regressions of the outcome on the logit of the predictions: the recalibration fit
/// `y ~ a + b·logit(p)` (calibration intercept and slope, as `rms::val.prob` reports them) and the offset fit
/// `y ~ a + offset(logit(p))` (calibration-in-the-large, as `glm(y ~ 1, offset = qlogis(p), family = binomial)`).
///
/// Algorithm: Newton–Raphson on the binomial log-likelihood from the identity calibration (a, b) = (0, 1), with
/// the 2×2 (or 1×1) information matrix solved in closed form, and step halving whenever the log-likelihood would
/// drop by more than 1e-12 relative. Convergence rule: stop when |Σ(y − μ)| ≤ 1e-12·n and, for the slope fit,
/// |Σ(y − μ)·logit p| ≤ 1e-12·Σ|logit p| — the score, relative to its natural scale. Typically 4–6 iterations.
/// Each iteration is one O(n) pass (one `exp` and one `log1p` per row); no BLAS/LAPACK.
package struct LogisticRecalibration {
    /// The intercept a.
    package let intercept: Double
    /// The slope b (1 for the offset fit).
    package let slope: Double

    private static let maxIterations = 100
    private static let maxHalvings = 60
    private static let tolerance = 1e-12

    /// Fits `y ~ a + b·x` with x = logit(p). The caller must rule out separation (the MLE then does not exist).
    package static func interceptAndSlope(outcome: [Double], logit: [Double]) throws -> LogisticRecalibration {
        try fit(outcome: outcome, logit: logit, fitSlope: true)
    }

    /// Fits `y ~ a + offset(x)` with x = logit(p); needs both outcomes present.
    package static func offsetIntercept(outcome: [Double], logit: [Double]) throws -> LogisticRecalibration {
        try fit(outcome: outcome, logit: logit, fitSlope: false)
    }

    /// Log-likelihood, score and information of the model at one point.
    private struct Pass {
        var logLikelihood = 0.0
        var scoreIntercept = 0.0
        var scoreSlope = 0.0
        var infoInterceptIntercept = 0.0
        var infoInterceptSlope = 0.0
        var infoSlopeSlope = 0.0
    }

    private static func fit(outcome: [Double], logit: [Double], fitSlope: Bool) throws -> LogisticRecalibration {
        let interceptScale = tolerance * Double(outcome.count)
        var slopeScale = 0.0
        for x in logit { slopeScale += abs(x) }
        slopeScale *= tolerance
        var a = 0.0
        var b = 1.0
        var current = evaluate(outcome, logit, a, b)
        for _ in 0..<maxIterations {
            let converged = abs(current.scoreIntercept) <= interceptScale
                && (!fitSlope || abs(current.scoreSlope) <= slopeScale)
            if converged { return LogisticRecalibration(intercept: a, slope: b) }
            let stepA: Double
            let stepB: Double
            if fitSlope {
                let det = current.infoInterceptIntercept * current.infoSlopeSlope
                    - current.infoInterceptSlope * current.infoInterceptSlope
                stepA = (current.infoSlopeSlope * current.scoreIntercept - current.infoInterceptSlope * current.scoreSlope) / det
                stepB = (current.infoInterceptIntercept * current.scoreSlope - current.infoInterceptSlope * current.scoreIntercept) / det
            } else {
                stepA = current.scoreIntercept / current.infoInterceptIntercept
                stepB = 0
            }
            var fraction = 1.0
            var next = evaluate(outcome, logit, a + stepA, b + stepB)
            var halvings = 0
            while !(next.logLikelihood >= current.logLikelihood - tolerance * abs(current.logLikelihood)) {
                halvings += 1
                guard halvings <= maxHalvings else { throw notConverged(fitSlope) }
                fraction /= 2
                next = evaluate(outcome, logit, a + fraction * stepA, b + fraction * stepB)
            }
            a += fraction * stepA
            b += fraction * stepB
            current = next
        }
        throw notConverged(fitSlope)
    }

    private static func notConverged(_ fitSlope: Bool) -> DataError {
        let model = fitSlope ? "calibration intercept and slope" : "calibration-in-the-large"
        return DataError("the logistic fit for the \(model) did not converge in \(maxIterations) Newton iterations; check the predictions for extreme values")
    }

    /// One pass: ℓ = Σ y·η − log(1 + e^η), score Σ(y − μ)(1, x), information Σ μ(1 − μ)(1, x)ᵀ(1, x), with η = a + b·x
    /// and `log(1 + e^η)`, μ computed from e^{−|η|} so neither overflows.
    private static func evaluate(_ outcome: [Double], _ logit: [Double], _ a: Double, _ b: Double) -> Pass {
        var pass = Pass()
        outcome.withUnsafeBufferPointer { y in
            logit.withUnsafeBufferPointer { x in
                for i in 0..<y.count {
                    let eta = a + b * x[i]
                    let e = exp(-abs(eta))
                    let mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e)
                    let weight = e / ((1 + e) * (1 + e))
                    let residual = y[i] - mu
                    pass.logLikelihood += y[i] * eta - (max(eta, 0) + log1p(e))
                    pass.scoreIntercept += residual
                    pass.scoreSlope += residual * x[i]
                    pass.infoInterceptIntercept += weight
                    pass.infoInterceptSlope += weight * x[i]
                    pass.infoSlopeSlope += weight * x[i] * x[i]
                }
            }
        }
        return pass
    }
}
