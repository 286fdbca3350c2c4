import RiskKitData

extension Feature {
    /// Why a patient whose value of this feature is `value` (`NaN`: missing; for a categorical feature any other
    /// number means present) cannot be assessed, or `nil` when the feature does not stop the assessment.
    ///
    /// A missing value stops it when the feature is ``required`` and `allowImputation` is false (it is imputed
    /// otherwise); a present numeric value stops it outside ``applicable``. A feature that records neither
    /// (a model file from before the training domain was kept) never stops it. `unit` only labels the reason.
    @inlinable
    public func notAssessableReason(value: Double, unit: String?, allowImputation: Bool) -> NotAssessableReason? {
        if value.isNaN {
            guard required == true, !allowImputation else { return nil }
            return NotAssessableReason(kind: .requiredMissing, feature: name, value: nil, range: nil, unit: unit)
        }
        guard kind != .categorical, let range = applicable, !range.contains(value) else { return nil }
        return NotAssessableReason(kind: .outsideApplicableRange, feature: name, value: value, range: range, unit: unit)
    }
}
