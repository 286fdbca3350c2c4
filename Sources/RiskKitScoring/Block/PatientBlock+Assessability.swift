import RiskKitData

extension PatientBlock {
    /// Whether patient `i` had a feature missing that `checks` marks required, imputed because imputation is
    /// allowed (research use); O(features) only for a patient with a missing value.
    package func hasImputedRequired(_ i: Int, checks: PatientChecks) -> Bool {
        guard anyMissing[i] else { return false }
        return (0..<featureCount).contains { f in missing[f * capacity + i] && checks.features[f].required == true }
    }
}
