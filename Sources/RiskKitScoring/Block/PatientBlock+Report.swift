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

    /// Patient `i`'s full report, as ``PatientScorer`` scored it.
    package func report(_ i: Int, scorer: PatientScorer) -> PatientReport {
        let outcome = scorer.policy.map { policy in
            let start = i == 0 ? 0 : firedEnds[i - 1]
            return PolicyOutcome(
                policyVersion: policy.policyVersion, risk: risks[i], band: policy.bands[bands[i]],
                recommendations: fired[start..<firedEnds[i]].map { r in
                    policy.recommendation(rule: Int(r), contribution: contribution(ofRule: Int(r), patient: i, scorer: scorer),
                                          lastDone: lastDoneCell(ofRule: Int(r), patient: i, policy: policy), asOf: scorer.asOf)
                },
                skipped: skipped[i] ?? [])
        }
        return PatientReport(score: score(i, model: scorer.model), policy: outcome, topContributions: scorer.topContributions,
                             whatIf: scorer.whatIfPlan(i, of: self))
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
}
