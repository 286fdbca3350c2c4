import RiskKitStatistics

/// The association result for one variant: the additive effect of A1 dosage on the log-odds of being a case.
public struct VariantAssociation: Sendable, Equatable {
    /// The variant's `.bim` index.
    public var variant: Int
    /// Whether A1 (the tested allele) is ALT (`.bim` column 5); otherwise it is REF (column 6).
    public var a1IsAlt: Bool
    /// A1 frequency over the samples in this variant's regression (those with a call).
    public var a1Frequency: Double
    /// Samples in the regression: phenotype, covariates and a genotype call present.
    public var observations: Int
    /// Log odds ratio per copy of A1 (nil when ``error`` is set).
    public var beta: Double?
    /// Its standard error, from the inverse information matrix at the estimate.
    public var standardError: Double?
    /// Whether the Firth-penalized fit was used.
    public var firth: Bool
    /// Why there is no estimate, when there is none.
    public var error: AssociationErrorCode?

    /// Creates a result.
    public init(variant: Int, a1IsAlt: Bool, a1Frequency: Double, observations: Int, beta: Double? = nil,
                standardError: Double? = nil, firth: Bool = false, error: AssociationErrorCode? = nil) {
        self.variant = variant
        self.a1IsAlt = a1IsAlt
        self.a1Frequency = a1Frequency
        self.observations = observations
        self.beta = beta
        self.standardError = standardError
        self.firth = firth
        self.error = error
    }

    /// The Wald statistic `beta / standardError`.
    public var zStatistic: Double? {
        guard let beta, let standardError else { return nil }
        return beta / standardError
    }

    /// The two-sided Wald p-value.
    public var pValue: Double? { zStatistic.map(Normal.twoSidedP) }
}
