import RiskKitData

/// One risk group of the calibration table: predicted against observed risk.
public struct CalibrationGroup: Codable, Sendable, Equatable {
    /// 1-based group number, in increasing order of predicted risk.
    public var group: Int
    /// Rows in the group.
    public var count: Int
    /// Rows in the group with outcome 1.
    public var events: Int
    /// Mean predicted probability in the group.
    public var meanPredicted: Double
    /// Observed event rate, `events / count`.
    public var observedRate: Double
    /// Smallest predicted probability in the group.
    public var minPredicted: Double
    /// Largest predicted probability in the group.
    public var maxPredicted: Double

    /// Creates a table row from its values.
    public init(
        group: Int, count: Int, events: Int, meanPredicted: Double, observedRate: Double,
        minPredicted: Double, maxPredicted: Double
    ) {
        self.group = group
        self.count = count
        self.events = events
        self.meanPredicted = meanPredicted
        self.observedRate = observedRate
        self.minPredicted = minPredicted
        self.maxPredicted = maxPredicted
    }

    enum CodingKeys: String, CodingKey {
        case group
        case count = "n"
        case events
        case meanPredicted = "mean_predicted"
        case observedRate = "observed_rate"
        case minPredicted = "min_predicted"
        case maxPredicted = "max_predicted"
    }

    /// The rows of `groups`, numbered from 1.
    static func table(_ groups: RiskGroups) -> [CalibrationGroup] {
        groups.summaries.enumerated().map { index, s in
            CalibrationGroup(
                group: index + 1, count: s.count, events: s.events,
                meanPredicted: s.sumPredicted / Double(s.count), observedRate: Double(s.events) / Double(s.count),
                minPredicted: s.minPredicted, maxPredicted: s.maxPredicted)
        }
    }
}
