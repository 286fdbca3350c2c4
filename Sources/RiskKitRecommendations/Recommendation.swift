import RiskKitModels
import RiskKitData

/// One recommendation for one patient, traceable to the policy rule and guideline that produced it.
///
/// JSON keys: `rule`, `kind`, `text`, `interval_months` (always present, `null` when the guideline sets no
/// interval), `source`; `note`, `factor`, `contribution`, `last_done`, `due_date`, `overdue` and `overrides` only when
/// set.
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
    /// When the test was last done, from the rule's `last_done_field` (nil: not recorded, or no such field).
    public var lastDone: CalendarDate?
    /// When the test is next due: ``lastDone`` + the interval, or the as-of date when it was never recorded;
    /// `nil` when the rule names no `last_done_field` or no as-of date was given.
    public var dueDate: CalendarDate?
    /// Whether ``dueDate`` lies before the as-of date; set with ``dueDate``.
    public var overdue: Bool?
    /// The rule ids this recommendation replaces (its rule's `overrides`): a care plan merging several policies
    /// drops their recommendations. `nil` for most.
    public var overrides: [String]?

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
        case lastDone = "last_done", dueDate = "due_date", overdue, overrides
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
        try c.encodeIfPresent(lastDone, forKey: .lastDone)
        try c.encodeIfPresent(dueDate, forKey: .dueDate)
        try c.encodeIfPresent(overdue, forKey: .overdue)
        try c.encodeIfPresent(overrides, forKey: .overrides)
    }
}

extension Recommendation {
    /// Sets ``lastDone``, ``dueDate`` and ``overdue`` from the last-done field's value: due `intervalMonths` after
    /// the last test, overdue when that is before `asOf`; never recorded (missing or absent) → due on `asOf`, not
    /// overdue. A value that is not a `YYYY-MM-DD` date sets nothing (plausibility checks reject it first).
    mutating func setDue(lastDone value: FieldValue?, intervalMonths: Int, asOf: CalendarDate) {
        switch value {
        case nil, .missing?:
            dueDate = asOf
            overdue = false
        case .text(let text)?:
            guard let last = CalendarDate(parsing: text) else { return }
            lastDone = last
            dueDate = last.adding(months: intervalMonths)
            overdue = dueDate! < asOf
        case .number?:
            return
        }
    }
}
