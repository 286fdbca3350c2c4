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
