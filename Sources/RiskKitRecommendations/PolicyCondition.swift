import RiskKitData

/// The condition language of policy rules: clauses on fields, on the predicted risk and on the risk band,
/// combined with all-of and any-of lists.
///
/// Evaluation uses three-valued logic (true, false, unknown) so missing data never fires a rule by accident: a
/// clause on a missing field is unknown; `all` is false if any part is false, true if all are true, else unknown;
/// `any` is true if any part is true, false if all are false, else unknown. A rule fires only when its condition is
/// true, and is reported as skipped when it is unknown.
public indirect enum PolicyCondition: Sendable, Equatable {
    /// True when every part is true (`{"all": [...]}`).
    case all([PolicyCondition])
    /// True when at least one part is true (`{"any": [...]}`).
    case any([PolicyCondition])
    /// True when the field's value passes every comparison (`{"field": "age", "at_least": 40}`).
    case field(String, [PolicyComparison])
    /// True when the predicted risk passes every comparison (`{"risk": {"at_least": 0.1}}`).
    case risk([PolicyComparison])
    /// True when the patient's risk band is one of these band ids (`{"band": {"in": ["high"]}}`).
    case band([String])
}

/// One comparison of a clause, named as in the policy file.
public enum PolicyComparison: Sendable, Equatable {
    /// `equals`: the value is exactly this number or label.
    case equals(PolicyValue)
    /// `in`: the value is one of these numbers or labels.
    case oneOf([PolicyValue])
    /// `at_least`: value ≥ bound.
    case atLeast(Double)
    /// `at_most`: value ≤ bound.
    case atMost(Double)
    /// `above`: value > bound.
    case above(Double)
    /// `below`: value < bound.
    case below(Double)
    /// `between`: lower ≤ value ≤ upper (both ends included).
    case between(Double, Double)

    /// The operator names of the policy file, in the order error messages list them.
    static let operatorNames = ["equals", "in", "at_least", "at_most", "above", "below", "between"]

    /// Whether `value` passes this comparison.
    func holds(for value: PolicyValue) -> Bool {
        switch self {
        case .equals(let v): return value == v
        case .oneOf(let vs): return vs.contains(value)
        case .atLeast(let b): return value.number.map { $0 >= b } ?? false
        case .atMost(let b): return value.number.map { $0 <= b } ?? false
        case .above(let b): return value.number.map { $0 > b } ?? false
        case .below(let b): return value.number.map { $0 < b } ?? false
        case .between(let lo, let hi): return value.number.map { lo <= $0 && $0 <= hi } ?? false
        }
    }
}

/// A constant in a condition: a number or a category label.
public enum PolicyValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A number (0/1 flags included).
    case number(Double)
    /// A category label such as `F`.
    case text(String)

    /// The numeric value, if this is a number.
    public var number: Double? { if case .number(let d) = self { d } else { nil } }

    /// The value as written in a policy file.
    public var description: String {
        switch self {
        case .number(let d): FieldValue.number(d).description
        case .text(let s): "\"\(s)\""
        }
    }
}

extension PolicyCondition {
    /// Whether the condition tests the predicted risk or its band anywhere (a patient without a risk cannot satisfy it).
    var needsRisk: Bool {
        switch self {
        case .all(let parts), .any(let parts): parts.contains(where: \.needsRisk)
        case .field: false
        case .risk, .band: true
        }
    }
}
