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
