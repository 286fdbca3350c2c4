/// Settings of ``RandomizedSVD``: the size of the random sketch, how long to iterate and when to stop.
public struct RandomizedSVDOptions: Sendable, Equatable {
    /// Extra sketch columns beyond the rank asked for (Halko et al.'s p; 10 is their recommendation).
    public var oversampling: Int
    /// Largest number of power passes (each one application of `A·Aᵀ`); the work stops there even when the
    /// tolerance is not reached.
    public var maxPowerIterations: Int
    /// Convergence threshold on the Euclidean change of each wanted left singular vector between two passes.
    public var tolerance: Double
    /// Seed of the Gaussian test matrix Ω (SplitMix64, Box–Muller), so results are reproducible.
    public var seed: UInt64

    /// Creates settings. The defaults (oversampling 10, at most 10 passes, tolerance 1e-6, fixed seed) suit genotype
    /// PCA: components well above the noise (ρ = (s_{L+1}/s_c)² ≤ 0.25) reach about 1e-6 within 10 passes; raise
    /// `maxPowerIterations` for closer singular values or higher accuracy.
    public init(oversampling: Int = 10, maxPowerIterations: Int = 10, tolerance: Double = 1e-6,
                seed: UInt64 = 0x5EED_A4CE_5701_0001) {
        precondition(oversampling >= 0, "oversampling must be ≥ 0")
        precondition(maxPowerIterations >= 1, "at least one power iteration is needed")
        precondition(tolerance > 0, "tolerance must be positive")
        self.oversampling = oversampling
        self.maxPowerIterations = maxPowerIterations
        self.tolerance = tolerance
        self.seed = seed
    }
}
