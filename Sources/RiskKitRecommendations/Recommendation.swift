import RiskKitModels
import RiskKitData

/// One recommendation for one patient, traceable to the policy rule and guideline that produced it.
///
/// JSON keys: `rule`, `kind`, `text`, `interval_months` (always present, `null` when the guideline sets no
/// interval), `source`; `note`, `factor` and `contribution` only when set.
public struct Recommendation: Sendable, Equatable, Codable {
    /// The id of the rule that fired ("CV-01").
    public var rule: String
    /// What kind of action this is.
    public var kind: RuleKind
    /// What to do, in plain language.
    public var text: String
    /// Repeat interval in months, or `nil` when none is set.
    public var intervalMonths: Int?
    /// Guideline, year and grade.
    public var source: String
    /// The rule's note, if any.
    public var note: String?
    /// For lifestyle advice, the model feature it acts on.
    public var factor: String?
    /// The patient's contribution of `factor` to the risk, when contributions were given.
    public var contribution: Double?

    /// Creates a recommendation.
    public init(rule: String, kind: RuleKind, text: String, intervalMonths: Int?, source: String,
                note: String? = nil, factor: String? = nil, contribution: Double? = nil) {
        self.rule = rule
        self.kind = kind
        self.text = text
        self.intervalMonths = intervalMonths
        self.source = source
        self.note = note
        self.factor = factor
        self.contribution = contribution
    }

    private enum CodingKeys: String, CodingKey {
        case rule, kind, text, intervalMonths = "interval_months", source, note, factor, contribution
    }

    /// Encodes with `interval_months` written as `null` when there is no interval.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(kind, forKey: .kind)
        try c.encode(text, forKey: .text)
        if let intervalMonths { try c.encode(intervalMonths, forKey: .intervalMonths) } else { try c.encodeNil(forKey: .intervalMonths) }
        try c.encode(source, forKey: .source)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(factor, forKey: .factor)
        try c.encodeIfPresent(contribution, forKey: .contribution)
    }
}
