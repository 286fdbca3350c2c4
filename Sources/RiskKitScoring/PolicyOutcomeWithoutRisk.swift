import RiskKitRecommendations

/// What a policy says about a patient the model cannot assess: the recommendations of the rules decided by the
/// patient's fields alone, and the rules skipped (among them those that need the risk). See
/// ``RecommendationPolicy/recommendWithoutRisk(values:asOf:)``.
public struct PolicyOutcomeWithoutRisk: Sendable, Equatable {
    /// The `policy_version` of the policy applied.
    public var policyVersion: String
    /// The recommendations of the rules that do not need the risk, in report order.
    public var recommendations: [Recommendation]
    /// The rules that could not be decided: those needing the risk, and those needing missing fields.
    public var skipped: [SkippedRule]

    /// Creates an outcome.
    public init(policyVersion: String, recommendations: [Recommendation], skipped: [SkippedRule]) {
        self.policyVersion = policyVersion
        self.recommendations = recommendations
        self.skipped = skipped
    }
}
