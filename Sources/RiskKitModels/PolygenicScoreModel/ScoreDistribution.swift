import RiskKitStatistics
import RiskKitData

/// The distribution of a score in reference samples: mean, standard deviation and quantiles (no individual values).
///
/// JSON keys: `count`, `mean`, `sd` (population SD, divisor n), `quantiles` (1001 points, type-7).
public struct ScoreDistribution: Codable, Sendable, Equatable {
    /// Mean score.
    public var mean: Double
    /// Standard deviation (divisor n).
    public var sd: Double
    /// Quantiles, for percentiles.
    public var distribution: ReferenceDistribution

    enum CodingKeys: String, CodingKey { case mean, sd, distribution = "quantiles" }

    /// Summarizes `scores`.
    public init(scores: [Double]) {
        let moments = PopulationMoments(scores)
        mean = moments.mean
        sd = moments.sd
        distribution = ReferenceDistribution(values: scores)
    }

    /// Percentile (0–100) of `score` among the reference samples.
    public func percentile(of score: Double) -> Double { distribution.percentile(of: score) }

    /// (score − mean) / sd.
    public func z(of score: Double) -> Double { (score - mean) / sd }
}
