import RiskKitRecommendations

/// One patient's care plan across conditions: a risk section per model (``CarePlanCondition``) and one merged,
/// de-duplicated list of recommendations (``CarePlanRecommendation``).
///
/// Merging (``init(id:conditions:)``): the conditions' recommendations (for a condition the model cannot assess,
/// those of the rules decided without the risk) are taken in condition order, each
/// policy's in its own report order; the same rule fired by several policies (same rule id, text and source)
/// appears once, listing every condition it came from; a rule that another fired rule `overrides` (a high-risk
/// pathway replacing average-risk screening, possibly of another policy) is dropped; the result is ordered by
/// kind (screening, therapy, counseling, lifestyle), then by first appearance.
///
/// JSON keys: `id`, `conditions` (see ``CarePlanCondition``), `recommendations` (each a ``Recommendation``'s keys
/// with `conditions`: the models it came from; without `contribution`, which differs per model and is given in
/// each condition's `contributions`).
public struct CarePlan: Sendable, Equatable, Encodable {
    /// The patient's identifier (nil for a single patient given without one).
    public var id: String?
    /// One risk section per model, in the order the models were given.
    public var conditions: [CarePlanCondition]
    /// The merged recommendations.
    public var recommendations: [CarePlanRecommendation]

    /// The plan of a patient scored for each condition, merging the conditions' recommendations (see the type's
    /// discussion).
    public init(id: String?, conditions: [CarePlanCondition]) {
        self.id = id
        self.conditions = conditions
        recommendations = Self.merged(conditions)
    }

    /// The conditions' recommendations merged: de-duplicated, overridden rules dropped, ordered by kind.
    static func merged(_ conditions: [CarePlanCondition]) -> [CarePlanRecommendation] {
        struct Key: Hashable {
            var rule: String, text: String, source: String
        }
        var merged: [CarePlanRecommendation] = []
        var positions: [Key: Int] = [:]
        for condition in conditions {
            // A condition the model cannot assess still brings the rules decided without the risk (a carrier's
            // high-risk pathway).
            for var recommendation in condition.report.recommendations {
                recommendation.contribution = nil
                let key = Key(rule: recommendation.rule, text: recommendation.text, source: recommendation.source)
                if let k = positions[key] {
                    if !merged[k].conditions.contains(condition.model) { merged[k].conditions.append(condition.model) }
                } else {
                    positions[key] = merged.count
                    merged.append(CarePlanRecommendation(recommendation: recommendation, conditions: [condition.model]))
                }
            }
        }
        // One level, as within a policy: a rule that overrides others is never itself dropped.
        let overridden = Set(merged.flatMap { $0.recommendation.overrides ?? [] })
        merged.removeAll { $0.recommendation.overrides == nil && overridden.contains($0.recommendation.rule) }
        let rank: [RuleKind: Int] = [.screening: 0, .therapy: 1, .counseling: 2, .lifestyle: 3]
        return merged.enumerated()
            .sorted { (rank[$0.element.recommendation.kind]!, $0.offset) < (rank[$1.element.recommendation.kind]!, $1.offset) }
            .map(\.element)
    }

    private enum CodingKeys: String, CodingKey {
        case id, conditions, recommendations
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(conditions, forKey: .conditions)
        try c.encode(recommendations, forKey: .recommendations)
    }
}

/// One recommendation of a care plan, with the conditions (models) whose policies made it.
public struct CarePlanRecommendation: Sendable, Equatable, Encodable {
    /// The recommendation, as the first policy that made it worded it (without a contribution).
    public var recommendation: Recommendation
    /// The names of the conditions it came from (``CarePlanCondition/model``), in condition order.
    public var conditions: [String]

    /// Creates a merged recommendation.
    public init(recommendation: Recommendation, conditions: [String]) {
        self.recommendation = recommendation
        self.conditions = conditions
    }

    private enum CodingKeys: String, CodingKey {
        case conditions
    }

    /// The recommendation's keys and `conditions`, in one object.
    public func encode(to encoder: any Encoder) throws {
        try recommendation.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(conditions, forKey: .conditions)
    }
}
