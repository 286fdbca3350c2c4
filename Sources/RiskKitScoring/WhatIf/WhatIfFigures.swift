/// A patient's what-if plan as numbers and positions only, before any text is attached: what
/// ``PatientScorer/whatIfPlan(_:of:)`` and the JSON Lines writer both start from, computed without copying a string.
package struct WhatIfFigures: Sendable {
    /// One factor at target.
    package struct Step: Sendable {
        /// The factor's position in the policy's `modifiable` list.
        package var factor: Int
        /// The patient's value now.
        package var current: Double
        /// The value at target.
        package var target: Double
        /// The model's risk with this factor alone at target.
        package var risk: Double
    }

    /// The risk now.
    package var risk: Double
    /// The steps, largest reduction first (policy order among equal reductions).
    package var steps: [Step]
    /// The risk with every step's factor at target (nil without a step).
    package var combinedRisk: Double?
    /// Positions in ``WhatIfLayout/imputableFields`` of the fields that were missing (imputed), in policy order.
    package var imputed: [Int]
    /// The risk age, when there is one.
    package var riskAge: Double?
    /// Why there is no risk age.
    package var riskAgeProblem: RiskAgeProblem?
    /// The patient's age, when the model has an age feature and it was given.
    package var actualAge: Double?
}

/// Why a patient has no risk age (texts in ``WhatIfLayout/riskAgeReasons``): the model has no numeric `age`, the
/// patient's age was imputed, the model's risk does not change with age, the model records no age range, or the
/// risk age lies below or above that range.
package enum RiskAgeProblem: Int, Sendable, CaseIterable {
    case noAgeFeature, ageImputed, flat, noAgeRange, belowRange, aboveRange
}
