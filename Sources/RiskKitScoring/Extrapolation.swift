import RiskKitData

/// A feature value the model was not trained on: present (not imputed), inside the applicable range, but beyond
/// the range observed in the training data (``Feature/observedMin``…``Feature/observedMax``), so the risk given
/// for it is an extrapolation of the fitted model. The patient is scored; the output says so.
public struct Extrapolation: Sendable, Equatable, CustomStringConvertible {
    /// The feature.
    public var feature: String
    /// The patient's value.
    public var value: Double
    /// The range observed in training.
    public var trained: ValueRange
    /// The value's unit, when the policy declares it.
    public var unit: String?

    /// Creates an extrapolation note.
    public init(feature: String, value: Double, trained: ValueRange, unit: String?) {
        self.feature = feature
        self.value = value
        self.trained = trained
        self.unit = unit
    }

    /// `age 79 years (trained on 40–78 years)`.
    public var description: String {
        let units = unit.map { " \($0)" } ?? ""
        return "\(feature) \(FieldValue.number(value))\(units) (trained on \(trained)\(units))"
    }
}
