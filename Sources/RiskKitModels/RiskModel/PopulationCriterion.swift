import RiskKitData

/// One condition on the population a model is meant for, on a field of the patient record that a numeric
/// feature's applicable range (``Feature/applicable``) does not cover: the allowed values of a categorical or
/// binary feature, or of a column that is no feature (`train --applicable sex=F --applicable brca1=0`), or a range
/// of a numeric column that is no feature (`--applicable bmi=..40`).
///
/// A patient whose value is not allowed is not assessable (``NotAssessableReason/Kind/outsidePopulation``); a
/// patient missing the value is not assessable when the criterion is ``required`` (``NotAssessableReason/Kind/requiredMissing``),
/// and taken to be inside the population otherwise (carrier status not recorded: not known to be a carrier).
///
/// JSON (an entry of the model file's `population` list): `field`, `levels` (the allowed values as text, numbers
/// as ``FieldValue`` writes them) or `range` ({`lower`, `upper`}), and `required`.
public struct PopulationCriterion: Codable, Sendable, Equatable {
    /// The field of the patient record (a model feature or not).
    public var field: String
    /// The allowed values (`nil`: the criterion is a range). Matched as ``FieldValue``s: `0` and `0.0` are the
    /// same number, text matches exactly.
    public var levels: [String]?
    /// The allowed numbers (`nil`: the criterion is a set of levels).
    public var range: ValueRange?
    /// Whether a patient missing the field is not assessable (else taken to be inside the population).
    public var required: Bool

    /// A criterion allowing `levels`.
    public init(field: String, levels: [String], required: Bool) {
        self.field = field
        self.levels = levels
        self.required = required
    }

    /// A criterion allowing the numbers in `range`.
    public init(field: String, range: ValueRange, required: Bool) {
        self.field = field
        self.range = range
        self.required = required
    }

    /// The allowed levels as values, each read as a cell is (``FieldValue/init(parsing:)``).
    public var allowedValues: [FieldValue] { (levels ?? []).map(FieldValue.init(parsing:)) }

    /// Whether a present value lies inside the population: one of ``levels`` or a number in ``range``.
    public func admits(_ value: FieldValue) -> Bool { admits(value, among: allowedValues) }

    /// ``admits(_:)`` with ``allowedValues`` read once by the caller.
    @inlinable
    public func admits(_ value: FieldValue, among allowed: [FieldValue]) -> Bool {
        if let range { return value.number.map(range.contains) ?? false }
        return allowed.contains(value)
    }

    /// Why a patient whose value of ``field`` is `value` (nil or `.missing`: missing) cannot be assessed, or `nil`
    /// when the criterion does not stop the assessment: a missing value stops it when ``required`` and
    /// `allowImputation` is false (research use, where no population is checked on a missing value); a present
    /// value outside the population always does. `unit` only labels a range.
    public func notAssessableReason(value: FieldValue?, unit: String?, allowImputation: Bool) -> NotAssessableReason? {
        switch value {
        case nil, .missing?:
            guard required, !allowImputation else { return nil }
            return NotAssessableReason(kind: .requiredMissing, feature: field, value: nil, range: nil, unit: nil)
        case let value?:
            guard !admits(value) else { return nil }
            var reason = NotAssessableReason(kind: .outsidePopulation, feature: field, value: value.number, range: range,
                                             unit: range == nil ? nil : unit)
            if case .text(let text) = value { reason.level = text }
            reason.levels = levels
            return reason
        }
    }

    /// What the population allows, in words: `F`, `north, south` or `≤ 40`.
    public var allowed: String {
        range?.description ?? (levels ?? []).joined(separator: ", ")
    }
}
