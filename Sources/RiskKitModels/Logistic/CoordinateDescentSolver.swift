import Foundation

/// Elastic-net penalized logistic regression by glmnet's algorithm (Friedman, Hastie and Tibshirani, 2010).
///
/// Objective `(1/Σw)·Σ wᵢ·(−loglikᵢ) + λ·Σⱼ fⱼ·[(1−α)/2·βⱼ² + α·|βⱼ|]` with `f₀ = 0` (intercept unpenalized). Outer
/// loop: the IRLS quadratic approximation at the current β (working weights `Wᵢ = (wᵢ/Σw)·μᵢ(1−μᵢ)`, floored at
/// `1e-9·wᵢ/Σw`); inner loop: cyclic coordinate descent with soft-thresholding, sweeping the strong set once and then
/// only the active (nonzero) coordinates until no update changes the quadratic objective by more than the tolerance
/// (`maxⱼ vⱼ·Δβⱼ²`, `vⱼ = Σᵢ Wᵢ(xᵢⱼ − x̄ⱼ)²`). Each feature update moves the intercept with it (`Δβ₀ = −x̄ⱼΔβⱼ`,
/// `x̄ⱼ` the W-weighted mean), which is coordinate descent on W-centred columns, as glmnet does: uncentred columns
/// would otherwise make the intercept and the features converge slowly together. Sweeps repeat until a strong-set
/// sweep changes nothing. The outer loop stops on the same rule applied to the change of β across the IRLS step; a step that increases the objective is halved.
/// Coordinates outside the strong set (sequential strong rule `|cⱼ| ≥ α·fⱼ·(2λₖ − λₖ₋₁)`) are checked against the
/// KKT condition `|cⱼ| ≤ λ·α·fⱼ` afterwards and added back if violated. Cost O(n) per coordinate update, O(n·p)
/// (`dgemv`) per gradient; the design is read column by column (column-major storage).
struct CoordinateDescentSolver: CoordinateSweeping {
    let problem: LogisticProblem
    let alpha: Double
    let penaltyFactor: [Double]
    let tolerance: Double
    let maxIterations: Int

    private(set) var beta: [Double]
    private(set) var eta: [Double]
    private(set) var strong: [Bool]
    private let normalizedWeight: [Double]
    private var residual: [Double]
    private var working: [Double]
    private var curvature: [Double]
    private var center: [Double]

    init(problem: LogisticProblem, alpha: Double, penaltyFactor: [Double], tolerance: Double, maxIterations: Int) {
        self.problem = problem
        self.alpha = alpha
        self.penaltyFactor = penaltyFactor
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        let n = problem.rows, p = problem.columns
        beta = [Double](repeating: 0, count: p)
        beta[0] = problem.interceptOnly().intercept
        eta = problem.linearPredictor(beta)
        strong = penaltyFactor.map { $0 == 0 }
        normalizedWeight = problem.weights.map { $0 / problem.weightSum }
        residual = [Double](repeating: 0, count: n)
        working = [Double](repeating: 0, count: n)
        curvature = [Double](repeating: 0, count: p)
        center = [Double](repeating: 0, count: p)
    }

    /// `cⱼ = Σᵢ xᵢⱼ·(wᵢ/Σw)·(yᵢ − μᵢ)` at the current β: minus the gradient of the loss part (`dgemv`).
    func gradient() -> [Double] {
        var r = [Double](repeating: 0, count: problem.rows)
        for i in 0..<problem.rows {
            let mu = 1 / (1 + exp(-eta[i]))
            r[i] = normalizedWeight[i] * (problem.outcome[i] - mu)
        }
        var c = [Double](repeating: 0, count: problem.columns)
        problem.transposeTimes(r, into: &c)
        return c
    }

    /// The penalized objective at the current β and η.
    func objective(lambda: Double) -> Double {
        let zeros = [Double](repeating: 0, count: problem.rows)
        var penalty = 0.0
        for j in 0..<problem.columns where penaltyFactor[j] > 0 {
            penalty += penaltyFactor[j] * ((1 - alpha) / 2 * beta[j] * beta[j] + alpha * abs(beta[j]))
        }
        return problem.deviance(eta: eta, direction: zeros, step: 0) / (2 * problem.weightSum) + lambda * penalty
    }

    /// The training deviance at the current β.
    var deviance: Double {
        problem.deviance(eta: eta, direction: [Double](repeating: 0, count: problem.rows), step: 0)
    }

    /// Solves at `lambda`, warm-started from the current β, screening with the strong rule from `previousLambda`.
    /// Returns the number of IRLS iterations.
    mutating func solve(lambda: Double, previousLambda: Double) throws -> Int {
        let screen = alpha * (2 * lambda - previousLambda)
        var c = gradient()
        for j in 0..<problem.columns where !strong[j] {
            strong[j] = alpha == 0 || beta[j] != 0 || abs(c[j]) >= screen * penaltyFactor[j]
        }
        var total = 0
        while true {
            total += try irls(lambda: lambda)
            c = gradient()
            var violated = false
            for j in 0..<problem.columns where !strong[j] && abs(c[j]) > lambda * alpha * penaltyFactor[j] * (1 + 1e-12) {
                strong[j] = true
                violated = true
            }
            if !violated { return total }
        }
    }

    /// IRLS outer loop over the strong set.
    private mutating func irls(lambda: Double) throws -> Int {
        for iteration in 1...maxIterations {
            let before = objective(lambda: lambda)
            let oldBeta = beta, oldEta = eta
            prepareQuadratic()
            try coordinateDescent(lambda: lambda)
            eta = problem.linearPredictor(beta)
            var after = objective(lambda: lambda)
            var halvings = 0
            while after > before + 1e-15 * abs(before) && halvings < 30 {
                halvings += 1
                for j in 0..<beta.count { beta[j] = (beta[j] + oldBeta[j]) / 2 }
                for i in 0..<eta.count { eta[i] = (eta[i] + oldEta[i]) / 2 }
                after = objective(lambda: lambda)
            }
            var change = 0.0
            for j in 0..<beta.count where strong[j] {
                let d = beta[j] - oldBeta[j]
                change = Swift.max(change, curvature[j] * d * d)
            }
            if change < tolerance { return iteration }
        }
        throw LogisticRegressionError.penalizedNotConverged(lambda: lambda, iterations: maxIterations)
    }

    /// Working weights, working residuals `Wᵢ(zᵢ − ηᵢ) = (wᵢ/Σw)(yᵢ − μᵢ)` and `vⱼ = Σ Wᵢxᵢⱼ²` on the strong set.
    private mutating func prepareQuadratic() {
        let n = problem.rows
        for i in 0..<n {
            let mu = 1 / (1 + exp(-eta[i]))
            working[i] = Swift.max(normalizedWeight[i] * mu * (1 - mu), 1e-9 * normalizedWeight[i])
            residual[i] = normalizedWeight[i] * (problem.outcome[i] - mu)
        }
        let total = working.reduce(0, +)
        curvature[0] = total
        problem.design.storage.withUnsafeBufferPointer { x in
            working.withUnsafeBufferPointer { w in
                for j in 1..<problem.columns where strong[j] {
                    (center[j], curvature[j]) = CoordinateDescentKernel.weightedMoments(
                        x.baseAddress! + j * n, weights: w, n: n, total: total)
                }
            }
        }
    }

    /// Cyclic coordinate descent with active-set sweeps on the current quadratic approximation.
    private mutating func coordinateDescent(lambda: Double) throws {
        let strongSet = (0..<problem.columns).filter { strong[$0] }
        let (sweeps, converged) = descend(strongSet, lambda: lambda, tolerance: tolerance)
        if !converged { throw LogisticRegressionError.penalizedNotConverged(lambda: lambda, iterations: sweeps) }
    }

    func isActive(_ j: Int) -> Bool { beta[j] != 0 || penaltyFactor[j] == 0 }

    /// One pass of coordinate updates over `set` (the intercept, which every set holds, first); returns
    /// `maxⱼ vⱼ·Δβⱼ²`.
    mutating func sweep(_ set: [Int], lambda: Double) -> Double {
        let features = set.filter { $0 != 0 }
        var intercept = beta[0]
        let change = problem.design.storage.withUnsafeBufferPointer { x in
            working.withUnsafeBufferPointer { w in
                residual.withUnsafeMutableBufferPointer { r in
                    beta.withUnsafeMutableBufferPointer { b in
                        CoordinateDescentKernel.sweep(
                            features, n: problem.rows, columns: x, weights: w, residual: r, coefficients: b,
                            intercept: &intercept, center: center, curvature: curvature, penaltyFactor: penaltyFactor,
                            lambda: lambda, alpha: alpha)
                    }
                }
            }
        }
        beta[0] = intercept
        return change
    }
}
