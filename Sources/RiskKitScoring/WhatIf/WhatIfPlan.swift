/// A patient's what-if lifestyle plan: the model's risk with each off-target modifiable factor of the policy set to
/// its target, one at a time and all together, and the patient's risk age.
///
/// Every figure is a model-based estimate (the same model, one value changed, every other value kept), not a
/// causal effect: ``note`` says so wherever a plan is shown.
///
/// JSON keys of ``PatientReport`` (a contract with users' scripts): `what_if` ([``WhatIfStep``], largest reduction
/// first), `what_if_combined` (``WhatIfOutcome``, `null` when no factor is off target), `what_if_imputed` (the
/// factors left out because their value was missing and imputed), `what_if_note`, `risk_age` (`null` when it
/// cannot be given) and `risk_age_reason` (why, only then).
public struct WhatIfPlan: Sendable, Equatable, Encodable {
    /// What every what-if figure is, shown with each plan.
    public static let note = "Model-based estimates: the model's risk with the factors set to their targets and every "
        + "other value kept as it is, not a causal effect of making those changes."

    /// The off-target factors that are model features with a known value, ordered by absolute reduction, largest
    /// first (policy order among equal reductions).
    public var steps: [WhatIfStep]
    /// Every step's factor at its target together (`nil` when there is no step).
    public var combined: WhatIfOutcome?
    /// Modifiable fields that are model features but were missing for this patient (imputed), in policy order:
    /// they are not in the plan, since a value that is not known cannot be changed.
    public var imputed: [String]
    /// The age at which this patient, with every step's factor at target, has their current risk.
    public var riskAge: RiskAge

    /// Creates a plan.
    public init(steps: [WhatIfStep], combined: WhatIfOutcome?, imputed: [String], riskAge: RiskAge) {
        self.steps = steps
        self.combined = combined
        self.imputed = imputed
        self.riskAge = riskAge
    }
}

extension WhatIfPlan {
    private enum CodingKeys: String, CodingKey {
        case steps = "what_if", combined = "what_if_combined", imputed = "what_if_imputed", note = "what_if_note"
        case riskAge = "risk_age", riskAgeReason = "risk_age_reason"
    }

    /// Writes the plan's keys into the object being encoded (a report's, or a care plan condition's).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(steps, forKey: .steps)
        try c.encode(combined, forKey: .combined)
        try c.encode(imputed, forKey: .imputed)
        try c.encode(Self.note, forKey: .note)
        try c.encode(riskAge.age, forKey: .riskAge)
        try c.encodeIfPresent(riskAge.reason, forKey: .riskAgeReason)
    }
}


/// One factor of a what-if plan: its value now and at target, and the model's risk at target.
public struct WhatIfStep: Sendable, Equatable, Encodable {
    /// The field changed (`smoker`).
    public var factor: String
    /// What the change is called ("stop smoking").
    public var label: String
    /// Guideline and year of the target.
    public var source: String
    /// The field's unit, from the policy (`kg/m2`), if it declares one.
    public var unit: String?
    /// The patient's value now.
    public var current: Double
    /// The value at target.
    public var target: Double
    /// The model's risk with this factor alone at target.
    public var risk: Double
    /// Risk now minus ``risk`` (positive when the change lowers the risk).
    public var absoluteReduction: Double
    /// The factor's position in the policy's `modifiable` list (not written to JSON).
    public var policyIndex: Int

    /// Creates a step.
    public init(factor: String, label: String, source: String, unit: String?, current: Double, target: Double,
                risk: Double, absoluteReduction: Double, policyIndex: Int) {
        self.factor = factor
        self.label = label
        self.source = source
        self.unit = unit
        self.current = current
        self.target = target
        self.risk = risk
        self.absoluteReduction = absoluteReduction
        self.policyIndex = policyIndex
    }

    enum CodingKeys: String, CodingKey {
        case factor, label, source, unit, current, target, risk
        case absoluteReduction = "absolute_reduction"
    }
}

/// The model's risk after a change, and how much lower it is than the risk now.
public struct WhatIfOutcome: Sendable, Equatable, Encodable {
    /// The model's risk after the change.
    public var risk: Double
    /// Risk now minus ``risk``.
    public var absoluteReduction: Double

    /// Creates an outcome.
    public init(risk: Double, absoluteReduction: Double) {
        self.risk = risk
        self.absoluteReduction = absoluteReduction
    }

    enum CodingKeys: String, CodingKey {
        case risk
        case absoluteReduction = "absolute_reduction"
    }
}

/// A patient's risk age (as QRISK3's healthy heart age), or why there is none.
public struct RiskAge: Sendable, Equatable {
    /// The risk age in years, when it lies in the model's age range.
    public var age: Double?
    /// Why there is no risk age ("older than 79"), when ``age`` is `nil`.
    public var reason: String?
    /// The patient's age, when the model has an age feature and it was given.
    public var actual: Double?

    /// Creates a risk age: `age`, or `nil` with its `reason`.
    public init(age: Double?, reason: String?, actual: Double?) {
        self.age = age
        self.reason = reason
        self.actual = actual
    }
}
