
/// One sample's polygenic score reported against the reference, raw and adjusted for genetic ancestry.
public struct AdjustedScore: Sendable, Equatable {
    /// The raw score as given.
    public var raw: Double
    /// Percentile (0–100) of the raw score within the reference score distribution, ignoring ancestry.
    public var rawPercentile: Double
    /// Z_norm1: the score minus its PC-predicted mean, divided by the reference residual standard deviation.
    public var zNorm1: Double
    /// Z_norm2: the score minus its PC-predicted mean, divided by its PC-predicted standard deviation.
    public var zNorm2: Double
    /// 100·Φ(Z_norm2): the ancestry-adjusted percentile under normality.
    public var zNorm2Percentile: Double
    /// Squared Mahalanobis distance of the sample's PCs from the reference PC mean (reference covariance).
    public var mahalanobisDistanceSquared: Double
    /// P(χ²(K) > d²): how typical the sample's PCs are of the reference cloud.
    public var pcCloudPValue: Double
    /// Whether ``pcCloudPValue`` is below the fitted outlier level: the adjustment extrapolates for this sample.
    public var isOutlier: Bool
}
