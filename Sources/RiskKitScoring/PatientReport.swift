import RiskKitRecommendations
import RiskKitModels
import RiskKitStatistics
import RiskKitData

/// Everything a clinician sees for one patient: risk, percentile, band, driving factors and recommendations.
///
/// JSON keys (a contract with users' scripts): `id`, `risk`, `percentile`, `band`, `contributions`
/// ([{`feature`, `value`}]), `recommendations` ([{`rule`, `kind`, `text`, `interval_months`, `source`}]); also
/// `band_label`, `linear_predictor`, `imputed` (features that were missing and imputed), `skipped_rules`, and
/// `policy_version`; with a policy that declares modifiable factors, the what-if plan's keys (``WhatIfPlan``).
public struct PatientReport: Sendable, Equatable, Encodable {
    /// The risk and its context.
    public var score: PatientScore
    /// The policy's verdict, when a policy was applied.
    public var policy: PolicyOutcome?
    /// How many contributions to show (largest first).
    public var topContributions: Int
    /// The what-if plan, when the policy declares modifiable factors.
    public var whatIf: WhatIfPlan?

    /// Scores a patient with `model` and applies `policy` (if any) to the risk and the patient's fields
    /// (``PatientScorer/report(_:)`` without genotype scores).
    public init(model: RiskModel, input: PatientInput, policy: RecommendationPolicy?, topContributions: Int = 5) throws {
        self = try PatientScorer(model: model, policy: policy, topContributions: topContributions).report(input)
    }

    /// Creates a report from its parts.
    public init(score: PatientScore, policy: PolicyOutcome?, topContributions: Int, whatIf: WhatIfPlan? = nil) {
        self.score = score
        self.policy = policy
        self.topContributions = topContributions
        self.whatIf = whatIf
    }

    /// The contributions shown: the largest `topContributions` by absolute value.
    public var shownContributions: [Contribution] { Array(score.contributions.prefix(topContributions)) }

    enum CodingKeys: String, CodingKey {
        case id, risk, percentile, band
        case bandLabel = "band_label"
        case linearPredictor = "linear_predictor"
        case contributions, recommendations, imputed
        case skippedRules = "skipped_rules"
        case policyVersion = "policy_version"
        case genetics
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(score.id, forKey: .id)
        try c.encode(score.risk, forKey: .risk)
        try c.encode(score.percentile, forKey: .percentile)
        try c.encode(policy?.band.id, forKey: .band)
        try c.encode(policy?.band.label, forKey: .bandLabel)
        try c.encode(score.linearPredictor, forKey: .linearPredictor)
        try c.encode(shownContributions, forKey: .contributions)
        try c.encode(policy?.recommendations ?? [], forKey: .recommendations)
        try c.encode(score.imputed, forKey: .imputed)
        try c.encode(policy?.skipped ?? [], forKey: .skippedRules)
        try c.encode(policy?.policyVersion, forKey: .policyVersion)
        try c.encodeIfPresent(score.genetics, forKey: .genetics)
        try whatIf?.encode(to: encoder)
    }
}
