import RiskKitModels
import RiskKitData

/// A model's declared population on levels and on fields that are no feature (``RiskModel/population``),
/// compiled once for the scoring path: each criterion's allowed values read as cells are, and whether a missing
/// value stops the assessment.
///
/// The per-patient check takes the patient's value of each criterion's field by position (``fields`` order),
/// compares values only and allocates nothing when the patient is inside the population; the reason is built only
/// for a patient outside it. A model without a population has no criteria, and the check costs nothing.
public struct PopulationChecks: Sendable {
    /// The model's population criteria, in file order.
    public let criteria: [PopulationCriterion]
    /// Each criterion's field name (``PopulationCriterion/field``), in order.
    public let fields: [String]
    /// Each criterion's allowed levels as values (``PopulationCriterion/allowedValues``).
    let allowed: [[FieldValue]]
    /// Whether a missing value of each criterion's field stops the assessment (required, imputation not allowed).
    let stopsWhenMissing: [Bool]
    /// Each field's unit, from the policy field of the same name (nil: none declared), for the reason.
    let units: [String?]
    /// Whether a missing required value is let through (research use, `--allow-imputation`).
    let allowImputation: Bool

    /// Compiles `criteria`; `units` gives a field's unit (from the policy) for the reasons.
    init(criteria: [PopulationCriterion], units: (String) -> String?, allowImputation: Bool) {
        self.criteria = criteria
        fields = criteria.map(\.field)
        allowed = criteria.map(\.allowedValues)
        stopsWhenMissing = criteria.map { $0.required && !allowImputation }
        self.units = criteria.map { units($0.field) }
        self.allowImputation = allowImputation
    }

    /// Whether the model declares no population criteria.
    public var isEmpty: Bool { criteria.isEmpty }

    /// Why the model cannot assess a patient whose value of criterion k's field is `value(k)` (nil: not in the
    /// record), or `nil` when the patient is inside the population: the first criterion (file order) the patient
    /// fails, as ``PopulationCriterion/notAssessableReason(value:unit:allowImputation:)`` words it.
    public func notAssessable(value: (Int) -> FieldValue?) -> NotAssessableReason? {
        for k in criteria.indices {
            if let reason = notAssessable(value(k), criterion: k) { return reason }
        }
        return nil
    }

    /// The per-value kernel of ``notAssessable(value:)``.
    func notAssessable(_ value: FieldValue?, criterion k: Int) -> NotAssessableReason? {
        let admitted = switch value {
        case nil, .missing?: !stopsWhenMissing[k]
        case let value?: criteria[k].admits(value, among: allowed[k])
        }
        if admitted { return nil }
        return criteria[k].notAssessableReason(value: value, unit: units[k], allowImputation: allowImputation)
    }
}
