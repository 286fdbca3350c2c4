
/// What the model paired with a policy predicts: a plain-language description and the prediction horizon.
public struct PredictedOutcome: Sendable, Equatable {
    /// For example "first atherosclerotic cardiovascular disease (ASCVD) event".
    public var description: String
    /// Prediction horizon in years (10 for a 10-year risk).
    public var horizonYears: Double
    /// The short label a model's outcome must carry for this policy to apply (`outcome.label`, compared with the
    /// model's `train --outcome-label` ignoring case); `nil`: the policy declares no outcome contract.
    public var label: String?

    /// Creates an outcome description.
    public init(description: String, horizonYears: Double, label: String? = nil) {
        self.description = description
        self.horizonYears = horizonYears
        self.label = label
    }
}
