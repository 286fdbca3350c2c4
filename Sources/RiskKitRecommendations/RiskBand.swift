
/// A named range of predicted risk, `[lower, upper)`; the policy's last band also contains its `upper` (1).
///
/// A risk exactly at a boundary belongs to the higher band: with bands `[0, 0.05)` and `[0.05, 0.075)`, a risk of
/// 0.05 is in the second band, matching guideline wording such as "≥7.5% to <20%".
public struct RiskBand: Sendable, Equatable, Codable {
    /// Short identifier used in rule conditions (`{"band": {"in": ["high"]}}`).
    public var id: String
    /// Label shown to people, for example "Intermediate (7.5% to <20%)".
    public var label: String
    /// Inclusive lower bound, a probability in [0, 1].
    public var lower: Double
    /// Exclusive upper bound (inclusive for the last band), a probability in [0, 1].
    public var upper: Double
    /// The guideline that defines the band.
    public var source: String
    /// Optional remark from the policy author.
    public var note: String?

    /// Creates a band; loading a policy checks that its bands tile [0, 1].
    public init(id: String, label: String, lower: Double, upper: Double, source: String, note: String? = nil) {
        self.id = id
        self.label = label
        self.lower = lower
        self.upper = upper
        self.source = source
        self.note = note
    }
}
