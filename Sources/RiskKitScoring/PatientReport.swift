import RiskKitRecommendations
import RiskKitModels
import RiskKitStatistics
import RiskKitData

/// Everything a clinician sees for one patient: risk, percentile, band, driving factors and recommendations.
///
/// JSON keys (a contract with users' scripts): `id`, `risk`, `percentile`, `band`, `contributions`
/// ([{`feature`, `value`}]), `recommendations` ([{`rule`, `kind`, `text`, `interval_months`, `source`}]); also
/// `band_label`, `linear_predictor`, `imputed` (features that were missing and imputed), `skipped_rules`, and
/// `policy_version`; `extrapolated` (always present: the features whose values lie beyond the range observed in
/// training, so the risk is an extrapolation; empty when none, and for a not-assessable patient); `status` (`scored` or `not_assessable`) with `not_assessable_reason` (the sentence, null when
/// scored), and the provenance `model_checksum` and `scored_at`. A not-assessable patient has null `risk`,
/// `percentile`, `band`, `band_label` and `linear_predictor`, no contributions, genetics or what-if plan, and the
/// recommendations of the rules that do not need the risk. With a policy that declares modifiable factors, the
/// what-if plan's keys (``WhatIfPlan``).
public struct PatientReport: Sendable, Equatable, Encodable {
    /// The risk and its context.
    public var score: PatientScore
    /// The policy's verdict, when a policy was applied.
    public var policy: PolicyOutcome?
    /// How many contributions to show (largest first).
    public var topContributions: Int
    /// Why the model gives no risk for this patient (nil: scored). ``score`` then holds the computation with the
    /// missing values imputed, which is not shown; ``policy`` is nil and ``policyWithoutRisk`` holds the policy's
    /// verdict.
    public var notAssessable: NotAssessableReason?
    /// For a not-assessable patient scored with a policy: the rules decided without the risk.
    public var policyWithoutRisk: PolicyOutcomeWithoutRisk?
    /// The run's model checksum and scoring time (nil: not recorded).
    public var provenance: ScoringProvenance?

    /// Whether the model could give this patient a risk.
    public enum Status: String, Sendable, Encodable {
        case scored
        case notAssessable = "not_assessable"
    }

    /// `scored`, or `not_assessable` when ``notAssessable`` gives the reason.
    public var status: Status { notAssessable == nil ? .scored : .notAssessable }
    /// The recommendations shown, with or without the risk.
    public var recommendations: [Recommendation] { policy?.recommendations ?? policyWithoutRisk?.recommendations ?? [] }
    /// The rules the policy could not decide, with or without the risk.
    public var skippedRules: [SkippedRule] { policy?.skipped ?? policyWithoutRisk?.skipped ?? [] }
    /// The version of the policy applied (nil: none).
    public var policyVersion: String? { policy?.policyVersion ?? policyWithoutRisk?.policyVersion }
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

    /// The contributions shown: the largest `topContributions` by absolute value (none when not assessable).
    public var shownContributions: [Contribution] {
        notAssessable == nil ? Array(score.contributions.prefix(topContributions)) : []
    }

    enum CodingKeys: String, CodingKey {
        case id, risk, percentile, band
        case bandLabel = "band_label"
        case linearPredictor = "linear_predictor"
        case contributions, recommendations, imputed, extrapolated
        case skippedRules = "skipped_rules"
        case policyVersion = "policy_version"
        case genetics
        case status
        case notAssessableReason = "not_assessable_reason"
        case modelChecksum = "model_checksum"
        case scoredAt = "scored_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let scored = notAssessable == nil
        try c.encode(score.id, forKey: .id)
        try c.encode(scored ? score.risk : nil, forKey: .risk)
        try c.encode(scored ? score.percentile : nil, forKey: .percentile)
        try c.encode(policy?.band.id, forKey: .band)
        try c.encode(policy?.band.label, forKey: .bandLabel)
        try c.encode(scored ? score.linearPredictor : nil, forKey: .linearPredictor)
        try c.encode(shownContributions, forKey: .contributions)
        try c.encode(recommendations, forKey: .recommendations)
        try c.encode(score.imputed, forKey: .imputed)
        try c.encode(scored ? score.extrapolated.map(\.feature) : [], forKey: .extrapolated)
        try c.encode(skippedRules, forKey: .skippedRules)
        try c.encode(policyVersion, forKey: .policyVersion)
        try c.encodeIfPresent(scored ? score.genetics : nil, forKey: .genetics)
        try c.encode(status, forKey: .status)
        try c.encode(notAssessable?.description, forKey: .notAssessableReason)
        try c.encode(provenance?.modelChecksum, forKey: .modelChecksum)
        try c.encode(provenance?.scoredAt, forKey: .scoredAt)
        try whatIf?.encode(to: encoder)
    }
}
