import RiskKitData

extension LogisticRegression {
    /// How the unpenalized solver obtains Newton directions.
    public enum NewtonStrategy: Sendable, Equatable {
        /// `fullNewton` when forming `XᵀWX` is cheap (fewer than 256 columns), otherwise `quasiNewtonThenNewton`.
        case automatic
        /// Form `XᵀWX` (`dsyrk`) and factor it (`dpotrf`) at every iterate: O(n·p²) per iteration.
        case fullNewton
        /// L-BFGS (two `dgemv` passes per iteration) preconditioned by `XᵀWX` estimated from a sample of about 8p
        /// rows, until the scaled gradient is below ``Options/hessianSwitchTolerance``, then form and factor `XᵀWX`
        /// once and finish with Newton steps that reuse that factor (re-forming it only when a step contracts the
        /// gradient by less than 4×).
        case quasiNewtonThenNewton
    }

    /// Settings for ``LogisticRegression/fit(design:outcome:weights:offset:columnNames:options:)``.
    public struct Options: Sendable, Equatable {
        /// Penalty type; `.none` gives maximum likelihood with Wald inference.
        public var penalty: Penalty
        /// Penalty weight λ in `(1/Σw)·Σ wᵢ·(−loglikᵢ) + λ·Σⱼ fⱼ·[(1−α)/2·βⱼ² + α·|βⱼ|]` (ignored for `.none`).
        public var lambda: Double
        /// Per-column penalty factors `fⱼ ≥ 0` (nil: 1 for every column; the intercept is never penalized).
        public var penaltyFactor: [Double]?
        /// Maximum Newton/quasi-Newton steps (unpenalized) or outer IRLS iterations per λ (penalized).
        public var maxIterations: Int
        /// Converged when `maxⱼ |gⱼ| / (½·√(Σᵢ wᵢ xᵢⱼ²)) ≤` this, `g` being the score `Xᵀ(w∘(y−μ))`.
        public var gradientTolerance: Double
        /// Also converged when a full Newton step changes the deviance by less than this, relative to `|D| + 0.1`.
        public var devianceTolerance: Double
        /// Pivot threshold of the pivoted Cholesky of the unit-diagonal scaled `XᵀWX`: a column whose squared
        /// multiple correlation with the kept columns exceeds `1 − tolerance` is reported as collinear.
        public var collinearityTolerance: Double
        /// How Newton directions are computed (unpenalized fits).
        public var strategy: NewtonStrategy
        /// Scaled gradient at which the quasi-Newton strategy forms `XᵀWX` (its standard errors are then exact to
        /// roughly 1% of this value, relative: 7.7e-9 against statsmodels on 50,000 × 1,000 at 1e-6).
        public var hessianSwitchTolerance: Double
        /// Coordinate descent stops when no coordinate update changes the quadratic objective by more than this
        /// (`maxⱼ vⱼ·Δβⱼ²`, `vⱼ = Σᵢ (wᵢ/Σw)·μᵢ(1−μᵢ)·xᵢⱼ²`); the outer IRLS loop uses the same rule.
        public var coordinateDescentTolerance: Double
        /// When false, a fit that hits `maxIterations` is returned with `converged == false` instead of throwing.
        public var requireConvergence: Bool

        /// Creates options; the defaults give an unpenalized, tightly converged fit.
        public init(
            penalty: Penalty = .none, lambda: Double = 0, penaltyFactor: [Double]? = nil, maxIterations: Int = 100,
            gradientTolerance: Double = 1e-10, devianceTolerance: Double = 1e-14, collinearityTolerance: Double = 1e-10,
            strategy: NewtonStrategy = .automatic, hessianSwitchTolerance: Double = 1e-7,
            coordinateDescentTolerance: Double = 1e-14, requireConvergence: Bool = true
        ) {
            self.penalty = penalty
            self.lambda = lambda
            self.penaltyFactor = penaltyFactor
            self.maxIterations = maxIterations
            self.gradientTolerance = gradientTolerance
            self.devianceTolerance = devianceTolerance
            self.collinearityTolerance = collinearityTolerance
            self.strategy = strategy
            self.hessianSwitchTolerance = hessianSwitchTolerance
            self.coordinateDescentTolerance = coordinateDescentTolerance
            self.requireConvergence = requireConvergence
        }
    }
}
