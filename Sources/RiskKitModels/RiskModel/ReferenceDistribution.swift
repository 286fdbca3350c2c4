
/// The distribution of predicted risks in a reference population, kept as quantiles so that no individual's
/// risk is stored.
public struct ReferenceDistribution: Codable, Sendable, Equatable {
    /// Number of individuals the quantiles summarize.
    public var count: Int
    /// Quantiles at probabilities `0, 1/(k−1), …, 1` (type-7 interpolation), ascending.
    public var quantiles: [Double]

    /// Summarizes `values` by `points` evenly spaced quantiles (default 1001: every 0.1 percentile).
    public init(values: [Double], points: Int = 1001) {
        precondition(points >= 2, "need at least two quantile points")
        let sorted = values.sorted()
        count = sorted.count
        guard !sorted.isEmpty else {
            quantiles = []
            return
        }
        quantiles = (0..<points).map { k in
            let h = Double(sorted.count - 1) * Double(k) / Double(points - 1)
            let lo = Int(h.rounded(.down))
            let hi = Swift.min(lo + 1, sorted.count - 1)
            return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
        }
    }

    /// Percentile (0–100) of `value` within the reference population: the interpolated position of `value` on
    /// the quantile curve, so a value at the median gives 50. Values beyond the range give 0 or 100.
    public func percentile(of value: Double) -> Double {
        guard let first = quantiles.first, let last = quantiles.last else { return .nan }
        if value <= first { return 0 }
        if value >= last { return 100 }
        // Binary search for the last quantile ≤ value.
        var lo = 0, hi = quantiles.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if quantiles[mid] <= value { lo = mid } else { hi = mid }
        }
        // Ties: several equal quantiles; place the value at the middle of the flat run.
        var runStart = lo
        while runStart > 0 && quantiles[runStart - 1] == quantiles[lo] { runStart -= 1 }
        let step = 100.0 / Double(quantiles.count - 1)
        if quantiles[lo] == value { return (Double(runStart) + Double(lo)) / 2 * step }
        let fraction = (value - quantiles[lo]) / (quantiles[hi] - quantiles[lo])
        return (Double(lo) + fraction) * step
    }
}
