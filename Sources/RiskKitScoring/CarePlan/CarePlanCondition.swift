import RiskKitRecommendations

/// One condition of a care plan: which model scored it, for which outcome, and the patient's report from it.
///
/// JSON keys: `model`, `outcome`, `horizon_years`, `status` (`scored` or `not_assessable`),
/// `not_assessable_reason`, `risk`, `percentile`, `band` (null when not assessable),
/// `band_label`, `linear_predictor`, `contributions` ([{`feature`, `value`}]), `imputed`, `extrapolated`, `skipped_rules`,
/// `policy_version`, `model_checksum`, `scored_at`, `genetics` for a model with a polygenic score, and the what-if
/// keys (``WhatIfPlan``) for a policy with modifiable factors, as in a one-model report; the recommendations are
/// the plan's, merged.
public struct CarePlanCondition: Sendable, Equatable, Encodable {
    /// The model's name in the plan (the CLI uses the model file's name without `.json`).
    public var model: String
    /// The predicted outcome: the model's outcome label, else the policy's description, else the outcome column.
    public var outcome: String
    /// The prediction horizon in years (the model's, else the policy's; nil when neither declares one).
    public var horizonYears: Double?
    /// Whether the model gave a risk for this patient.
    public var status: PatientReport.Status { report.status }
    /// The patient's report from this model and its policy.
    public var report: PatientReport

    /// A condition from its parts.
    public init(model: String, outcome: String, horizonYears: Double?, report: PatientReport) {
        self.model = model
        self.outcome = outcome
        self.horizonYears = horizonYears
        self.report = report
    }

    /// The condition `model` of a patient scored by `scorer` (`report`), with the outcome and horizon the model
    /// declares, else its policy.
    public init(model: String, scorer: PatientScorer, report: PatientReport) {
        self.init(model: model,
                  outcome: scorer.model.outcome.label ?? scorer.policy?.outcome.description ?? scorer.model.outcome.column,
                  horizonYears: scorer.model.outcome.horizonYears ?? scorer.policy?.outcome.horizonYears, report: report)
    }

    private enum CodingKeys: String, CodingKey {
        case model, outcome, status, risk, percentile, band, contributions, imputed, extrapolated, genetics
        case notAssessableReason = "not_assessable_reason"
        case modelChecksum = "model_checksum"
        case scoredAt = "scored_at"
        case horizonYears = "horizon_years"
        case bandLabel = "band_label"
        case linearPredictor = "linear_predictor"
        case skippedRules = "skipped_rules"
        case policyVersion = "policy_version"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(horizonYears, forKey: .horizonYears)
        let scored = status == .scored
        try c.encode(status, forKey: .status)
        try c.encode(report.notAssessable?.description, forKey: .notAssessableReason)
        try c.encode(scored ? report.score.risk : nil, forKey: .risk)
        try c.encode(scored ? report.score.percentile : nil, forKey: .percentile)
        try c.encode(report.policy?.band.id, forKey: .band)
        try c.encode(report.policy?.band.label, forKey: .bandLabel)
        try c.encode(scored ? report.score.linearPredictor : nil, forKey: .linearPredictor)
        try c.encode(report.shownContributions, forKey: .contributions)
        try c.encode(report.score.imputed, forKey: .imputed)
        try c.encode(scored ? report.score.extrapolated.map(\.feature) : [], forKey: .extrapolated)
        try c.encode(report.skippedRules, forKey: .skippedRules)
        try c.encode(report.policyVersion, forKey: .policyVersion)
        try c.encodeIfPresent(scored ? report.score.genetics : nil, forKey: .genetics)
        try c.encode(report.provenance?.modelChecksum, forKey: .modelChecksum)
        try c.encode(report.provenance?.scoredAt, forKey: .scoredAt)
        try report.whatIf?.encode(to: encoder)
    }
}
