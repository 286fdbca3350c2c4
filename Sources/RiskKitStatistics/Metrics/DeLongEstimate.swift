
/// An AUC with its DeLong (1988) variance.
public struct DeLongEstimate: Sendable, Equatable {
    /// The Mann–Whitney AUC (ties between an event and a non-event count ½).
    public var auc: Double
    /// DeLong's variance `S₁₀/m + S₀₁/n` (sample variances of the placement values, denominators m−1 and n−1).
    public var variance: Double

    /// Creates an estimate from an AUC and its variance.
    public init(auc: Double, variance: Double) {
        self.auc = auc
        self.variance = variance
    }

    /// √variance.
    public var standardError: Double { variance.squareRoot() }

    /// The Wald interval `auc ± z·se` with z = Φ⁻¹(1 − (1 − level)/2), clipped to [0, 1] as `pROC::ci.auc` does.
    public func confidenceInterval(level: Double = 0.95) -> ConfidenceInterval {
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1)")
        let z = Normal.quantile(1 - (1 - level) / 2)
        let halfWidth = z * standardError
        return ConfidenceInterval(lower: min(max(auc - halfWidth, 0), 1), upper: min(max(auc + halfWidth, 0), 1))
    }
}
