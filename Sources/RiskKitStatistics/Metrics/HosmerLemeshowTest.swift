import RiskKitData

/// The Hosmer–Lemeshow goodness-of-fit test over quantile groups of predicted risk, as
/// `ResourceSelection::hoslem.test(y, p, g)` computes it.
///
/// Statistic: Σ over groups and both outcomes of (observed − expected)²/expected, where a group's expected events
/// are Σp and expected non-events Σ(1 − p); equivalently Σ (O − E)²/(E·(1 − E/n_g)) over the event counts.
/// Degrees of freedom: groups − 2. P-value: the chi-square upper tail, computed directly (see
/// ``ChiSquared/upperTail(_:degreesOfFreedom:)``) rather than as `1 − pchisq`, so it stays accurate below 1e-16.
/// Groups are formed by ``RiskGroups`` (ties never split; empty bins dropped). O(n log n).
public struct HosmerLemeshowTest: Codable, Sendable, Equatable {
    /// The chi-square statistic.
    public var statistic: Double
    /// Degrees of freedom, the number of groups minus 2.
    public var degreesOfFreedom: Int
    /// P(χ²(df) > statistic).
    public var pValue: Double

    /// Creates a test result from its values.
    public init(statistic: Double, degreesOfFreedom: Int, pValue: Double) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
    }

    /// Runs the test on outcomes and predictions with `groups` quantile groups (default deciles).
    ///
    /// Throws `DataError` for invalid input, for predictions that are all equal, and when ties leave fewer than
    /// three groups (the test then has no degrees of freedom).
    public init(outcome: [Double], predicted: [Double], groups: Int = 10) throws {
        precondition(groups >= 3, "the Hosmer–Lemeshow test needs at least three groups")
        let data = try BinaryPredictions(outcome: outcome, predicted: predicted)
        let riskGroups = try RiskGroups(data, sortedPredicted: data.predicted.sorted(), groups: groups)
        guard let test = Self(riskGroups) else {
            throw DataError("the predicted probabilities take so few distinct values that they form only \(riskGroups.summaries.count) risk groups; the Hosmer–Lemeshow test needs at least three")
        }
        self = test
    }

    /// The test over `groups`, or nil when there are fewer than three groups (no degrees of freedom).
    init?(_ groups: RiskGroups) {
        guard groups.summaries.count >= 3 else { return nil }
        var statistic = 0.0
        for s in groups.summaries {
            let observedEvents = Double(s.events)
            let observedNonEvents = Double(s.count - s.events)
            statistic += (observedNonEvents - s.sumComplement) * (observedNonEvents - s.sumComplement) / s.sumComplement
            statistic += (observedEvents - s.sumPredicted) * (observedEvents - s.sumPredicted) / s.sumPredicted
        }
        let df = groups.summaries.count - 2
        self.init(
            statistic: statistic, degreesOfFreedom: df,
            pValue: ChiSquared.upperTail(statistic, degreesOfFreedom: Double(df)))
    }

    enum CodingKeys: String, CodingKey {
        case statistic
        case degreesOfFreedom = "df"
        case pValue = "p_value"
    }
}
