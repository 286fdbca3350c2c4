import Foundation
import RiskKitStatistics
import RiskKitData
import RiskKitLinearAlgebra

/// Unpenalized logistic regression by Newton–Raphson (IRLS), optionally preceded by preconditioned L-BFGS.
///
/// See ``LogisticRegression/fit(design:outcome:weights:offset:columnNames:options:)`` for the algorithm, the
/// convergence rules and the costs.
struct MaximumLikelihoodSolver {
    let problem: LogisticProblem
    let options: LogisticRegression.Options

    private var beta: [Double]
    private var eta: [Double]
    private var residual: [Double]
    private var hessianWeight: [Double]
    private var score: [Double]
    private var deviance: Double
    private var stepPredictor: [Double]
    private var workspace: HessianWorkspace
    private var rankChecked = false
    /// Whether the L-BFGS phase runs before Newton (see ``LogisticRegression/NewtonStrategy``).
    private let useQuasiNewton: Bool
    /// Scaled gradient where the last `XᵀWX` was formed.
    private var factorGradient = Double.infinity

    init(problem: LogisticProblem, options: LogisticRegression.Options, start: Double) {
        self.problem = problem
        self.options = options
        let n = problem.rows, p = problem.columns
        beta = [Double](repeating: 0, count: p)
        beta[0] = start
        // X·β with β = (start, 0, …) and an all-ones column 0, without a pass over X.
        eta = problem.offset.map { $0.map { $0 + start } } ?? [Double](repeating: start, count: n)
        residual = [Double](repeating: 0, count: n)
        hessianWeight = [Double](repeating: 0, count: n)
        score = [Double](repeating: 0, count: p)
        stepPredictor = [Double](repeating: 0, count: n)
        switch options.strategy {
        case .automatic: useQuasiNewton = p >= 256
        case .fullNewton: useQuasiNewton = false
        case .quasiNewtonThenNewton: useQuasiNewton = true
        }
        // The L-BFGS preconditioner samples one block of rows: about 8p, so its correlation estimate is sound.
        workspace = HessianWorkspace(rows: n, target: useQuasiNewton ? Swift.max(2048, 8 * p) : 16_384)
        deviance = 0
        deviance = problem.evaluate(eta: eta, residual: &residual, hessianWeight: &hessianWeight)
        problem.transposeTimes(residual, into: &score)
    }

    /// Runs the iterations; returns coefficients, the Cholesky factor of `XᵀWX` used for inference, and counters.
    mutating func solve(nullDeviance: Double) throws -> LogisticFit {
        var (iterations, converged, factor) = useQuasiNewton ? try quasiNewton() : try fullNewton()
        // Standard errors need XᵀWX within a Newton step of the optimum: re-form it if the L-BFGS phase ran out of its
        // iteration budget and formed it further away.
        if factor == nil || (useQuasiNewton && factorGradient > options.hessianSwitchTolerance) {
            factor = try formFactor()
        }
        let chol = factor!

        // Final full Newton step at the converged point: polishes β and exposes divergence along a separating direction.
        let step = try chol.solve(score)
        problem.times(step, into: &stepPredictor)
        try SeparationCheck.verifyFit(problem, eta: eta, step: step, stepPredictor: stepPredictor)
        if !converged && options.requireConvergence {
            throw LogisticRegressionError.notConverged(
                iterations: iterations, scaledGradient: problem.scaledGradient(score))
        }
        if converged {
            let polished = problem.deviance(eta: eta, direction: stepPredictor, step: 1)
            if polished <= deviance + 1e-12 * abs(deviance) {
                Vector.axpy(1, step, &beta)
                Vector.axpy(1, stepPredictor, &eta)
                deviance = problem.evaluate(eta: eta, residual: &residual, hessianWeight: &hessianWeight)
            }
        }
        return try inference(factor: chol, nullDeviance: nullDeviance, iterations: iterations, converged: converged)
    }

    // MARK: - Strategies

    /// Newton with `XᵀWX` formed and factored at every iterate; step halving while the deviance increases.
    private mutating func fullNewton() throws -> (Int, Bool, CholeskyFactor?) {
        var iterations = 0
        var smallChange = false
        while true {
            let factor = try formFactor()
            if smallChange || problem.scaledGradient(score) <= options.gradientTolerance { return (iterations, true, factor) }
            if iterations == options.maxIterations { return (iterations, false, factor) }
            let step = try factor.solve(score)
            guard let change = takeStep(step, stepLength: 1) else { return (iterations, stalledConverged, factor) }
            iterations += 1
            smallChange = change.fullStep && change.relativeChange < options.devianceTolerance
        }
    }

    /// Preconditioned L-BFGS with exact line search until the scaled gradient falls below the switch tolerance (or
    /// after `max(10, p/15)` steps), then Newton steps that reuse one factor of `XᵀWX`, re-formed only when a step
    /// contracts the gradient by less than 4×. `H₀` is ``SampledHessianPreconditioner`` at the start, scaled by
    /// `γ = sᵀy / yᵀH₀⁻¹y` from the latest curvature pair; 20 pairs are kept
    /// (more than 10 shortens the near-quadratic tail: 21 instead of 23 steps on the 50,000 × 1,000 benchmark).
    private mutating func quasiNewton() throws -> (Int, Bool, CholeskyFactor?) {
        let p = problem.columns
        let memory = 20
        let budget = Swift.max(10, p / 15)
        let preconditioner = SampledHessianPreconditioner(problem: problem, weight: hessianWeight, workspace: &workspace)
        var pairs: [(s: [Double], y: [Double], rho: Double)] = []
        var gamma = 1.0
        var iterations = 0
        var factor: CholeskyFactor?
        var refresh = false
        var smallChange = false
        while true {
            let gradient = problem.scaledGradient(score)
            if smallChange || gradient <= options.gradientTolerance { return (iterations, true, factor) }
            if iterations == options.maxIterations { return (iterations, false, factor) }
            if factor == nil && (gradient <= options.hessianSwitchTolerance || iterations >= budget) || refresh {
                factor = try formFactor()
                refresh = false
            }
            let oldScore = score
            if let chol = factor {
                let step = try chol.solve(score)
                guard let change = takeStep(step, stepLength: 1) else { return (iterations, stalledConverged, factor) }
                iterations += 1
                smallChange = change.fullStep && change.relativeChange < options.devianceTolerance
                let after = problem.scaledGradient(score)
                refresh = after > options.gradientTolerance && after > 0.25 * gradient
                continue
            }
            // Two-loop recursion with the initial inverse Hessian γ·H₀⁻¹ on the ascent direction of the log-likelihood.
            var q = score
            var alphas = [Double](repeating: 0, count: pairs.count)
            for k in stride(from: pairs.count - 1, through: 0, by: -1) {
                alphas[k] = pairs[k].rho * Vector.dot(pairs[k].s, q)
                Vector.axpy(-alphas[k], pairs[k].y, &q)
            }
            q = try preconditioner.apply(q)
            for j in 0..<p { q[j] *= gamma }
            for k in 0..<pairs.count {
                let b = pairs[k].rho * Vector.dot(pairs[k].y, q)
                Vector.axpy(alphas[k] - b, pairs[k].s, &q)
            }
            if Vector.dot(q, score) <= 0 {
                pairs.removeAll()
                q = try preconditioner.apply(score)
            }
            problem.times(q, into: &stepPredictor)
            let length = lineMinimum(direction: stepPredictor, slope: Vector.dot(q, score))
            guard takeStep(q, stepLength: length, predictorReady: true) != nil else { return (iterations, stalledConverged, factor) }
            iterations += 1
            // Curvature pair for f = −loglik: s = t·q, y = ∇f(new) − ∇f(old) = −(score − oldScore).
            let s = q.map { $0 * length }
            var y = oldScore
            Vector.axpy(-1, score, &y)
            let sy = Vector.dot(s, y)
            if sy > 1e-14 * Vector.norm(s) * Vector.norm(y) {
                gamma = try sy / Vector.dot(y, preconditioner.apply(y))
                pairs.append((s, y, 1 / sy))
                if pairs.count > memory { pairs.removeFirst() }
            }
        }
    }

    // MARK: - Steps

    /// When no step decreases the deviance the iterate sits at rounding level: accept it if the scaled gradient is
    /// within the square root of the tolerance.
    private var stalledConverged: Bool { problem.scaledGradient(score) <= options.gradientTolerance.squareRoot() }

    /// `XᵀWX` at the current iterate, checked for collinearity the first time, factored by `dpotrf`.
    private mutating func formFactor() throws -> CholeskyFactor {
        let h = workspace.form(design: problem.design, weight: hessianWeight)
        factorGradient = problem.scaledGradient(score)
        if !rankChecked {
            try CollinearityCheck.verify(h, columnNames: problem.columnNames, tolerance: options.collinearityTolerance)
            rankChecked = true
        }
        do {
            return try CholeskyFactor(h)
        } catch {
            try CollinearityCheck.verify(
                h, columnNames: problem.columnNames, tolerance: Swift.max(options.collinearityTolerance, 1e-8))
            throw LogisticRegressionError.invalidInput(
                "the weighted design is numerically singular (XᵀWX is not positive definite); "
                    + "look for near-duplicate columns or columns with extreme values")
        }
    }

    /// Moves along `step` (from `stepLength`, halving while the deviance increases by more than 1e-13 relative, at
    /// most 40 times); updates β, η, μ,
    /// the score and the deviance. Returns nil when no decrease was found (the iterate is at rounding level).
    private mutating func takeStep(
        _ step: [Double], stepLength: Double, predictorReady: Bool = false
    ) -> (fullStep: Bool, relativeChange: Double)? {
        if !predictorReady { problem.times(step, into: &stepPredictor) }
        var t = stepLength
        var trial = problem.deviance(eta: eta, direction: stepPredictor, step: t)
        var halvings = 0
        // Deviance sums carry rounding of about 1e-16 per term: increases below 1e-13 relative are noise, not ascent.
        let slack = 1e-13 * abs(deviance)
        while !(trial <= deviance + slack) {
            halvings += 1
            if halvings > 40 { return nil }
            t /= 2
            trial = problem.deviance(eta: eta, direction: stepPredictor, step: t)
        }
        Vector.axpy(t, step, &beta)
        Vector.axpy(t, stepPredictor, &eta)
        let old = deviance
        deviance = problem.evaluate(eta: eta, residual: &residual, hessianWeight: &hessianWeight)
        problem.transposeTimes(residual, into: &score)
        return (halvings == 0 && stepLength == 1, abs(old - deviance) / (abs(deviance) + 0.1))
    }

    /// Minimizes the deviance along `η + t·u` by safeguarded one-dimensional Newton (O(n) per trial), starting at
    /// t = 1 and stopping when the directional derivative has shrunk 10⁴-fold. `slope` is `scoreᵀq` (> 0).
    private func lineMinimum(direction u: [Double], slope: Double) -> Double {
        var lo = 0.0, hi = Double.infinity, t = 1.0
        for _ in 0..<30 {
            var first = 0.0, second = 0.0
            for i in 0..<problem.rows where problem.weights[i] > 0 {
                let value = eta[i] + t * u[i]
                let q = exp(-abs(value))
                let inv = 1 / (1 + q)
                let mu = value >= 0 ? inv : q * inv
                first += problem.weights[i] * (mu - problem.outcome[i]) * u[i]
                second += problem.weights[i] * q * inv * inv * u[i] * u[i]
            }
            if first < 0 { lo = t } else { hi = t }
            if abs(first) <= 1e-4 * slope { return t }
            var next = second > 0 ? t - first / second : .nan
            if !(next > lo && next < hi) { next = hi.isFinite ? (lo + hi) / 2 : 4 * Swift.max(t, lo) }
            t = next
        }
        return lo > 0 ? lo : t
    }

    // MARK: - Inference

    private func inference(factor: CholeskyFactor, nullDeviance: Double, iterations: Int, converged: Bool) throws
        -> LogisticFit
    {
        let covariance = try factor.inverse()
        let se = covariance.diagonal.map { $0.squareRoot() }
        let z = zip(beta, se).map { $0 / $1 }
        let quantile = 1.959963984540054
        return LogisticFit(
            columnNames: problem.columnNames, coefficients: beta, covariance: covariance, standardErrors: se, zValues: z,
            pValues: z.map(Normal.twoSidedP),
            confidenceIntervals: zip(beta, se).map { .init(lower: $0 - quantile * $1, upper: $0 + quantile * $1) },
            deviance: deviance, nullDeviance: nullDeviance, logLikelihood: -deviance / 2, iterations: iterations,
            converged: converged, penalty: .none, lambda: 0)
    }
}
