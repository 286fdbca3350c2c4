/// A patient value the what-if plan may change (smoking, BMI, systolic pressure, …): which field, to what target,
/// how to name it, and the guideline the target comes from.
///
/// A plan sets each off-target factor to its target, one at a time and all together, and reports the model's risk
/// before and after: model-based estimates, not causal effects.
public struct ModifiableFactor: Sendable, Equatable {
    /// The policy field the factor changes (a `number` field).
    public var field: String
    /// The value to aim for.
    public var target: ModifiableTarget
    /// What the change is called in a plan ("stop smoking").
    public var label: String
    /// Guideline and year of the target.
    public var source: String
    /// Who the factor applies to (`when`, a condition on fields only); `nil`: everyone. For a field listed more than
    /// once, the first entry whose condition holds applies.
    public var condition: PolicyCondition?

    /// Creates a factor.
    public init(field: String, target: ModifiableTarget, label: String, source: String,
                condition: PolicyCondition? = nil) {
        self.field = field
        self.target = target
        self.label = label
        self.source = source
        self.condition = condition
    }
}

/// The target of a modifiable factor, as written in a policy's `target` object.
public enum ModifiableTarget: Sendable, Equatable {
    /// `{"equals": v}`: off target unless the value is `v`; the target is `v` (stop smoking: `{"equals": 0}`).
    case value(Double)
    /// `{"at_most": b}`, optionally with `"relative_change": r` (r < 0): off target above `b`; the target is `b`, or
    /// with `r` the value changed by `r` (−0.10 = −10 %) but not below `b` (BMI to 25 or −10 %).
    case atMost(Double, relativeChange: Double?)
    /// `{"at_least": b}`, optionally with `"relative_change": r` (r > 0): off target below `b`; the target is `b`,
    /// or with `r` the value changed by `r` but not above `b`.
    case atLeast(Double, relativeChange: Double?)
    /// `{"relative_change": r}` alone: every non-zero value is off target; the target is `value·(1 + r)`.
    case relative(Double)

    /// The value `value` would be changed to, or `nil` when it is already on target (or is not a finite number).
    public func target(for value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch self {
        case .value(let v):
            return value == v ? nil : v
        case .atMost(let b, let r):
            guard value > b else { return nil }
            return r.map { Swift.max(b, value * (1 + $0)) } ?? b
        case .atLeast(let b, let r):
            guard value < b else { return nil }
            return r.map { Swift.min(b, value * (1 + $0)) } ?? b
        case .relative(let r):
            let changed = value * (1 + r)
            return changed == value ? nil : changed
        }
    }
}

/// One patient's off-target modifiable factor: the change a what-if plan evaluates.
public struct OffTargetFactor: Sendable, Equatable {
    /// Index of the factor in the policy's ``RecommendationPolicy/modifiable``.
    public var factor: Int
    /// The field changed.
    public var field: String
    /// What the change is called ("stop smoking").
    public var label: String
    /// The patient's value now.
    public var current: Double
    /// The value at target.
    public var target: Double
    /// Guideline and year of the target.
    public var source: String

    /// Creates an off-target factor.
    public init(factor: Int, field: String, label: String, current: Double, target: Double, source: String) {
        self.factor = factor
        self.field = field
        self.label = label
        self.current = current
        self.target = target
        self.source = source
    }
}
