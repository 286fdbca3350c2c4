
/// What the model paired with a policy predicts: a plain-language description and the prediction horizon.
public struct PredictedOutcome: Sendable, Equatable {
    /// For example "first atherosclerotic cardiovascular disease (ASCVD) event".
    public var description: String
    /// Prediction horizon in years (10 for a 10-year risk).
    public var horizonYears: Double

    /// Creates an outcome description.
    public init(description: String, horizonYears: Double) {
        self.description = description
        self.horizonYears = horizonYears
    }
}
