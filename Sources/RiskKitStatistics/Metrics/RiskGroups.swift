import RiskKitData

/// Rows grouped by quantiles of predicted risk, formed exactly as `ResourceSelection::hoslem.test(y, p, g)` forms
/// them, with per-group totals.
///
/// Breaks are `unique(quantile(p, probs = seq(0, 1, 1/g)))` with R's default type-7 quantile
/// (`index = 1 + (n − 1)·prob`, linear interpolation `(1 − h)·x₍ₗₒ₎ + h·x₍ₕᵢ₎` between order statistics, probs
/// computed as `k·(1/g)` like `seq`), and rows are binned like `cut(p, breaks, include.lowest = TRUE)`: intervals
/// closed on the right, the first also closed on the left, located by the same bisection as R's `.bincode`. Ties
/// therefore always share a group, so there can be fewer than g groups. Bins that receive no row are dropped
/// (R would carry them as empty factor levels, which make `hoslem.test`'s statistic NaN); the remaining groups are
/// numbered consecutively in increasing risk. O(n log g) after the O(n log n) sort the caller provides.
struct RiskGroups {
    /// Totals of one group.
    struct Summary {
        /// Rows in the group.
        var count = 0
        /// Rows with outcome 1.
        var events = 0
        /// Σ p: expected events.
        var sumPredicted = 0.0
        /// Σ (1 − p): expected non-events.
        var sumComplement = 0.0
        /// Smallest prediction in the group.
        var minPredicted = Double.infinity
        /// Largest prediction in the group.
        var maxPredicted = -Double.infinity
    }

    /// Non-empty groups in increasing order of risk.
    let summaries: [Summary]

    /// Groups `data` into at most `groups` quantile groups; `sortedPredicted` is `data.predicted` sorted ascending.
    /// Throws `DataError` when every prediction is the same value, which leaves nothing to group by.
    init(_ data: BinaryPredictions, sortedPredicted sorted: [Double], groups: Int) throws {
        precondition(groups >= 2 && sorted.count == data.count, "need at least two groups and the sorted predictions")
        let step = 1 / Double(groups)
        var breaks = [Double]()
        for candidate in (0...groups).map({ Self.quantile(sorted, probability: min(1, Double($0) * step)) }).sorted()
        where breaks.last != candidate {
            breaks.append(candidate)
        }
        guard breaks.count >= 2 else {
            throw DataError("all \(data.count) predicted probabilities equal \(sorted[0]): risk groups, the Hosmer–Lemeshow test and the calibration slope are undefined")
        }
        var bins = [Summary](repeating: Summary(), count: breaks.count - 1)
        for (y, p) in zip(data.outcome, data.predicted) {
            var lo = 0
            var hi = breaks.count - 1
            while hi - lo >= 2 {
                let mid = (hi + lo) / 2
                if p > breaks[mid] { lo = mid } else { hi = mid }
            }
            bins[lo].count += 1
            if y == 1 { bins[lo].events += 1 }
            bins[lo].sumPredicted += p
            bins[lo].sumComplement += 1 - p
            bins[lo].minPredicted = min(bins[lo].minPredicted, p)
            bins[lo].maxPredicted = max(bins[lo].maxPredicted, p)
        }
        summaries = bins.filter { $0.count > 0 }
    }

    /// R's type-7 sample quantile of ascending `sorted` at `probability`, with R's exact arithmetic.
    private static func quantile(_ sorted: [Double], probability: Double) -> Double {
        let index = 1 + Double(sorted.count - 1) * probability
        let lo = index.rounded(.down)
        let hi = index.rounded(.up)
        let low = sorted[Int(lo) - 1]
        let high = sorted[Int(hi) - 1]
        guard index > lo && high != low else { return low }
        let h = index - lo
        return (1 - h) * low + h * high
    }
}
