import RiskKitData

/// Why the model gives no risk for a patient: a value outside the population the model applies to, or a required
/// value missing. Not an error: the patient is reported `not_assessable` with this reason.
///
/// JSON keys: `kind` (`outside_applicable_range` | `outside_population` | `required_missing`), `feature` (the
/// field), `value` (a number; absent when missing or text), `level` (a text value), `range` {`lower`, `upper`} or
/// `levels` (what the model allows; absent when missing), `unit` (when known), `reason` (the sentence).
public struct NotAssessableReason: Sendable, Equatable, Codable, CustomStringConvertible {
    /// What kind of reason this is.
    public enum Kind: String, Sendable, Codable {
        /// The value lies outside the feature's applicable range.
        case outsideApplicableRange = "outside_applicable_range"
        /// The value is missing and the model marks the feature (or population field) required.
        case requiredMissing = "required_missing"
        /// The value lies outside the model's declared population on a field (``PopulationCriterion``): a level it
        /// does not allow, or a number outside the range of a field that is no feature.
        case outsidePopulation = "outside_population"
    }

    /// What kind of reason this is.
    public var kind: Kind
    /// The feature at fault.
    public var feature: String
    /// The patient's value (nil when missing).
    public var value: Double?
    /// The applicable range the value lies outside (nil when missing).
    public var range: ValueRange?
    /// The value's unit, when the policy declares it.
    public var unit: String?
    /// The patient's value when it is text (a level such as `M`); nil for numbers and missing values.
    public var level: String?
    /// The levels the model's population allows (``PopulationCriterion/levels``), for an `outside_population`
    /// reason on levels.
    public var levels: [String]?

    /// Creates a reason.
    public init(kind: Kind, feature: String, value: Double?, range: ValueRange?, unit: String?) {
        self.kind = kind
        self.feature = feature
        self.value = value
        self.range = range
        self.unit = unit
    }

    /// "`age` 85 years is outside the range the model applies to (40–79 years)" or "`age` is missing and the
    /// model requires it".
    public var description: String {
        let units = unit.map { " \($0)" } ?? ""
        switch kind {
        case .outsideApplicableRange:
            let shown = value.map { FieldValue.number($0).description } ?? "NA"
            return "`\(feature)` \(shown)\(units) is outside the range the model applies to (\(range?.description ?? "none")\(units))"
        case .requiredMissing:
            return "`\(feature)` is missing and the model requires it"
        case .outsidePopulation:
            let shown = level ?? value.map { FieldValue.number($0).description } ?? "NA"
            let allowed = levels?.joined(separator: ", ") ?? range.map { "\($0)\(units)" } ?? "none"
            return "`\(feature)` \(shown)\(levels == nil ? units : "") is outside the model's population (\(allowed))"
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, feature, value, range, unit, reason, level, levels
    }

    /// Decodes a reason (the `reason` sentence is derived, so it is not read).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        feature = try c.decode(String.self, forKey: .feature)
        value = try c.decodeIfPresent(Double.self, forKey: .value)
        range = try c.decodeIfPresent(ValueRange.self, forKey: .range)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        level = try c.decodeIfPresent(String.self, forKey: .level)
        levels = try c.decodeIfPresent([String].self, forKey: .levels)
    }

    /// Encodes the keys listed above, with the sentence under `reason`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(feature, forKey: .feature)
        try c.encodeIfPresent(value, forKey: .value)
        try c.encodeIfPresent(range, forKey: .range)
        try c.encodeIfPresent(unit, forKey: .unit)
        try c.encodeIfPresent(level, forKey: .level)
        try c.encodeIfPresent(levels, forKey: .levels)
        try c.encode(description, forKey: .reason)
    }
}
