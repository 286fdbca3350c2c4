
/// Settings of ``AncestryAdjustment/fit(pcs:scores:options:)``.
public struct AncestryAdjustmentOptions: Sendable, Equatable {
    /// The variance model behind Z_norm2.
    public var varianceModel: AncestryVarianceModel
    /// A sample is flagged as outside the reference PC cloud when the chi-square(K) upper tail of its squared
    /// Mahalanobis distance is below this level (1e-3: d² > 18.47 for K = 4).
    public var outlierLevel: Double
    /// Quantile points kept of the reference score distribution (see ``ReferenceDistribution``).
    public var quantilePoints: Int

    /// Creates settings; defaults: full likelihood, level 1e-3, 1001 quantiles.
    public init(varianceModel: AncestryVarianceModel = .fullLikelihood, outlierLevel: Double = 1e-3,
                quantilePoints: Int = 1001) {
        precondition(outlierLevel > 0 && outlierLevel < 1, "outlier level must be in (0, 1)")
        precondition(quantilePoints >= 2, "need at least two quantile points")
        self.varianceModel = varianceModel
        self.outlierLevel = outlierLevel
        self.quantilePoints = quantilePoints
    }
}
