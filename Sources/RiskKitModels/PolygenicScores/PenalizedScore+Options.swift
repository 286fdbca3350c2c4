import RiskKitData

extension PenalizedScore {
    /// Settings of ``PenalizedScore/fit(fileset:samples:variants:outcome:covariates:options:progress:)``.
    public struct Options: Sendable, Equatable {
        /// Elastic-net mixing α in (0, 1]: 1 is the lasso, 0.5 an even elastic net (ridge, α = 0, is not offered:
        /// it keeps every variant and defeats the screening).
        public var alpha: Double
        /// Number of λ values on the default path (log-spaced from λ_max down).
        public var lambdaCount: Int
        /// Smallest λ as a fraction of λ_max; nil: 1e-4 when there are more samples than variables, else 1e-2 (glmnet).
        public var lambdaMinRatio: Double?
        /// An explicit decreasing λ sequence instead of the default one (its values are used as given).
        public var lambdas: [Double]?
        /// Cross-validation folds K (≥ 2), or 0 for the path alone (the chosen λ is then the last one fitted).
        public var folds: Int
        /// A fold index in `0..<K` per sample (in `SampleSubset` order); nil: ``Folds/stratified(outcome:k:seed:)``.
        public var foldAssignment: [Int]?
        /// Seed of the stratified fold assignment.
        public var seed: UInt64
        /// The path stops after the first λ with more than this many nonzero variant weights (glmnet's `dfmax`);
        /// it also bounds the strong-set memory at roughly n × a few times this many doubles.
        public var maxActive: Int
        /// The path stops (from the 5th λ on) when the deviance ratio grows by less than this fraction of itself
        /// (glmnet's `fdev`; 0 disables).
        public var minDevianceRatioChange: Double
        /// The path stops (from the 5th λ on) once the deviance ratio exceeds this (glmnet's `devmax`; 1 disables).
        public var maxDevianceRatio: Double
        /// A fold's path stops once its held-out deviance has not improved on its best for this many consecutive λ
        /// (bigstatsr's `n.abort`; 0 disables); the full-data path then stops at the last λ any fold reached.
        public var cvPatience: Int
        /// Whether the covariates are penalized like the variants (default false: penalty factor 0).
        public var penalizeCovariates: Bool
        /// Convergence threshold: coordinate descent and IRLS stop when `maxⱼ vⱼ·Δβⱼ² < tolerance · D₀/n`
        /// (`D₀` the intercept-only deviance, as glmnet's `thresh`).
        public var tolerance: Double
        /// Maximum IRLS iterations per λ.
        public var maxIterations: Int
        /// Threads for the gradient passes over all variants (`DispatchQueue.concurrentPerform`).
        public var threads: Int

        /// Creates options; the defaults are a 5-fold cross-validated lasso on glmnet's default path.
        public init(
            alpha: Double = 1, lambdaCount: Int = 100, lambdaMinRatio: Double? = nil, lambdas: [Double]? = nil,
            folds: Int = 5, foldAssignment: [Int]? = nil, seed: UInt64 = 1, maxActive: Int = 10_000,
            minDevianceRatioChange: Double = 1e-5, maxDevianceRatio: Double = 0.999, cvPatience: Int = 10,
            penalizeCovariates: Bool = false,
            tolerance: Double = 1e-7, maxIterations: Int = 100, threads: Int = 1
        ) {
            self.alpha = alpha
            self.lambdaCount = lambdaCount
            self.lambdaMinRatio = lambdaMinRatio
            self.lambdas = lambdas
            self.folds = folds
            self.foldAssignment = foldAssignment
            self.seed = seed
            self.maxActive = maxActive
            self.minDevianceRatioChange = minDevianceRatioChange
            self.maxDevianceRatio = maxDevianceRatio
            self.cvPatience = cvPatience
            self.penalizeCovariates = penalizeCovariates
            self.tolerance = tolerance
            self.maxIterations = maxIterations
            self.threads = threads
        }
    }
}
