import RiskKitRecommendations
import RiskKitModels
import RiskKitData

extension PatientBlock {
    /// The names of the features that were missing for patient `i`, hence imputed, in schema order.
    func imputed(_ i: Int, features: [Feature]) -> [String] {
        var names: [String] = []
        for f in 0..<featureCount where missing[f * capacity + i] { names.append(features[f].name) }
        return names
    }

    /// Patient `i`'s score as a value: risk, percentile, linear predictor, the kept contributions (largest
    /// first), imputed features and genetics.
    package func score(_ i: Int, model: RiskModel) -> PatientScore {
        let features = model.schema.features
        return PatientScore(
            id: ids[i], risk: risks[i], percentile: percentiles[i], linearPredictor: linearPredictors[i],
            contributions: (0..<shownCount).map { r in
                let f = Int(top[i * shownCount + r])
                return Contribution(feature: features[f].name, value: contributions[f * capacity + i])
            },
            imputed: imputed(i, features: features), genetics: genetics[i])
    }

    /// Patient `i`'s full report, as ``PatientScorer`` scored it (for a patient the model cannot assess: the
    /// reason, and the policy's rules decided without the risk).
    package func report(_ i: Int, scorer: PatientScorer) -> PatientReport {
        let start = i == 0 ? 0 : firedEnds[i - 1]
        let reason = notAssessable[i] ? notAssessableReasons[i] : nil
        let recommendations = scorer.policy.map { policy in
            fired[start..<firedEnds[i]].map { r in
                policy.recommendation(rule: Int(r),
                                      contribution: reason == nil ? contribution(ofRule: Int(r), patient: i, scorer: scorer) : nil,
                                      lastDone: lastDoneCell(ofRule: Int(r), patient: i, policy: policy), asOf: scorer.asOf)
            }
        }
        let outcome = scorer.policy.flatMap { policy in
            reason == nil ? PolicyOutcome(policyVersion: policy.policyVersion, risk: risks[i], band: policy.bands[bands[i]],
                                          recommendations: recommendations ?? [], skipped: skipped[i] ?? []) : nil
        }
        var patientScore = score(i, model: scorer.model)
        patientScore.extrapolated = extrapolated(i, scorer: scorer)
        var report = PatientReport(score: patientScore, policy: outcome,
                                   topContributions: scorer.topContributions,
                                   whatIf: reason == nil ? scorer.whatIfPlan(i, of: self) : nil)
        report.notAssessable = reason
        if reason != nil, let policy = scorer.policy {
            report.policyWithoutRisk = PolicyOutcomeWithoutRisk(
                policyVersion: policy.policyVersion, recommendations: recommendations ?? [], skipped: skipped[i] ?? [])
        }
        report.provenance = scorer.provenance
        return report
    }

    /// Patient `i`'s contribution of the factor of policy rule `r` (nil when the rule has none, or it is no feature).
    func contribution(ofRule r: Int, patient i: Int, scorer: PatientScorer) -> Double? {
        scorer.ruleFactors[r].map { contributions[$0 * capacity + i] }
    }

    /// Patient `i`'s cell of the `last_done_field` of policy rule `r` (absent when the rule has none).
    func lastDoneCell(ofRule r: Int, patient i: Int, policy: RecommendationPolicy) -> PolicyCell {
        policy.lastDoneSlots[r].map { cells[i * fieldCount + $0] } ?? .absent
    }

    /// Patient `i`'s encoded row on the raw scale (imputed), in schema order of the encoded columns.
    package func encodedRow(_ i: Int) -> [Double] {
        (0..<width).map { design[$0 * capacity + i] }
    }
}

extension PatientBlock {
    /// Whether any feature of patient `i` was missing, hence imputed.
    package func hasImputed(_ i: Int) -> Bool {
        anyMissing[i]
    }

    /// Patient `i`'s band under `policy` (the policy the block was scored with), nil without one or when the
    /// patient is not assessable.
    package func band(_ i: Int, of policy: RecommendationPolicy?) -> RiskBand? {
        guard let policy, !notAssessable[i], bands[i] >= 0 else { return nil }
        return policy.bands[bands[i]]
    }
}
