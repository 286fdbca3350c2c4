import Foundation
import RiskKitLinearAlgebra

/// Firth's bias-reduced logistic regression (Firth 1993; Heinze & Schemper 2002), the fallback `plink2 --glm` uses
/// when ordinary logistic regression separates or does not converge.
///
/// Solves the penalized score equations of ℓ*(θ) = ℓ(θ) + ½·log det I(θ), I = XᵀWX. Each iteration forms I with
/// `dsyrk` on √w-scaled rows, factors it (`dpotrf`), gets the hat diagonal hᵢ = wᵢ·‖L⁻¹xᵢ‖² from one `dtrsm`, and takes the Fisher-scoring
/// step Δ = I⁻¹U*, U* = Xᵀ(y − μ + h(½ − μ)), capped at 5 in max-norm and halved (up to 30 times) until the
/// decrement U*ᵀI⁻¹U* falls. (Halving on ℓ* itself stalls: near the optimum of a rare variant ℓ* is flat to rounding
/// while plain scoring oscillates.) Converged when max|Δ| ≤ `tolerance`, or when no halving lowers a decrement
/// already below 1e-14. Standard errors are √diag(I⁻¹) at the estimate. O(n·p²) per iteration.
public enum FirthLogisticRegression {
    /// A Firth fit.
    public struct Fit: Sendable, Equatable {
        /// Estimates, one per design column.
        public var coefficients: [Double]
        /// Their standard errors.
        public var standardErrors: [Double]
        /// I⁻¹ at the estimate (full symmetric, column-major).
        public var covariance: Matrix
        /// Newton iterations used.
        public var iterations: Int
    }

    /// Fits `outcome` (0/1) on the n × p column-major `design` (include an all-ones column for an intercept).
    /// - Returns: nil when it does not converge within `maxIterations` or the information matrix is singular.
    public static func fit(design: Matrix, outcome: [Double], maxIterations: Int = 100,
                           tolerance: Double = 1e-10) -> Fit? {
        let n = design.rows, p = design.columns
        precondition(outcome.count == n, "outcome has \(outcome.count) values for \(n) rows")
        var theta = [Double](repeating: 0, count: p)
        guard var current = Evaluation(design: design, outcome: outcome, theta: theta) else { return nil }
        func finish(_ at: Evaluation, iterations: Int) -> Fit? {
            guard let covariance = try? at.factor.inverse() else { return nil }
            let se = (0..<p).map { covariance[$0, $0].squareRoot() }
            return Fit(coefficients: zip(theta, at.step).map { $0 + $1 }, standardErrors: se, covariance: covariance,
                       iterations: iterations)
        }
        for iteration in 1...maxIterations {
            var step = current.step
            let largest = step.reduce(0) { Swift.max($0, abs($1)) }
            if largest <= tolerance { return finish(current, iterations: iteration) }
            if largest > 5 { step = step.map { $0 * 5 / largest } }
            var accepted = false
            for _ in 0..<30 {
                let candidate = zip(theta, step).map { $0 + $1 }
                if let next = Evaluation(design: design, outcome: outcome, theta: candidate),
                   next.decrement < current.decrement {
                    theta = candidate
                    current = next
                    accepted = true
                    break
                }
                step = step.map { $0 / 2 }
            }
            // No shorter step lowers the decrement: converged if it is already at rounding level.
            guard accepted else { return current.decrement <= 1e-14 ? finish(current, iterations: iteration) : nil }
        }
        return nil
    }

    /// Everything one iteration needs at a point θ.
    struct Evaluation {
        var factor: CholeskyFactor
        var step: [Double]
        var decrement: Double

        init?(design: Matrix, outcome: [Double], theta: [Double]) {
            let n = design.rows, p = design.columns
            let eta = design.multiply(theta)
            var mu = [Double](repeating: 0, count: n), w = mu
            for i in 0..<n {
                mu[i] = 1 / (1 + exp(-eta[i]))
                w[i] = mu[i] * (1 - mu[i])
            }
            var scaled = design
            for j in 0..<p { for i in 0..<n { scaled[i, j] *= w[i].squareRoot() } }
            guard let factor = try? CholeskyFactor(scaled.gram()) else { return nil }
            // Rows of X·L⁻ᵀ are L⁻¹xᵢ; hᵢ = wᵢ·‖L⁻¹xᵢ‖².
            var z = design
            factor.factor.storage.withUnsafeBufferPointer { l in
                z.withUnsafeMutableBufferPointer { zp in
                    StridedKernels.multiplyByInverseTransposedFactor(
                        rows: n, order: p, factor: l.baseAddress!, lda: p, b: zp.baseAddress!, ldb: n)
                }
            }
            var adjusted = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var norm = 0.0
                for j in 0..<p { norm += z.storage[i + j * n] * z.storage[i + j * n] }
                adjusted[i] = outcome[i] - mu[i] + w[i] * norm * (0.5 - mu[i])
            }
            self.factor = factor
            let score = design.multiply(adjusted, transpose: .transpose)
            guard let solved = try? factor.solve(score) else { return nil }
            step = solved
            decrement = zip(score, step).reduce(0) { $0 + $1.0 * $1.1 }
            guard decrement.isFinite else { return nil }
        }
    }
}
