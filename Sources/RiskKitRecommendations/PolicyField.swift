import RiskKitData

/// A patient field a policy's rules may test, declared once so conditions are checked against it on load.
public struct PolicyField: Sendable, Equatable {
    /// The field name as it appears in patient records (`systolic_bp`).
    public var name: String
    /// Whether values are numbers or category labels.
    public var type: PolicyFieldType
    /// Unit of measurement, for people reading the policy ("mm Hg").
    public var unit: String?
    /// Allowed labels of a category field; `nil` accepts any label.
    public var levels: [String]?
    /// Plain-language meaning of the field.
    public var description: String?
    /// The values a `number` field can plausibly take (`plausible: [lo, hi]`, in ``unit``); a patient value outside
    /// is an error, not a risk. `nil`: not declared.
    public var plausible: ValueRange?

    /// Creates a field declaration.
    public init(name: String, type: PolicyFieldType, unit: String? = nil, levels: [String]? = nil,
                description: String? = nil, plausible: ValueRange? = nil) {
        self.name = name
        self.type = type
        self.unit = unit
        self.levels = levels
        self.description = description
        self.plausible = plausible
    }
}

/// The value type of a policy field.
public enum PolicyFieldType: String, Sendable, Equatable, CaseIterable {
    /// Numeric values (`.number` in a record); 0/1 flags are numbers.
    case number
    /// Text labels (`.text` in a record), such as `F`/`M`.
    case category
    /// Calendar dates written `YYYY-MM-DD` (`.text` in a record), such as the date of the last mammogram; read by
    /// rules' `last_done_field`, never tested by conditions.
    case date
}
