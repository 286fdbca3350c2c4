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
    /// When a test is next due, from the record's cell of the rule's last-done field: `intervalMonths` after the
    /// last test, overdue when that is before `asOf`; never recorded (missing, or not in the record) → due on
    /// `asOf`, not overdue. `nil` for a cell that holds no date (plausibility checks reject such values first).
    package static func due(lastDone cell: PolicyCell, intervalMonths: Int, asOf: CalendarDate)
        -> (lastDone: CalendarDate?, due: CalendarDate, overdue: Bool)? {
        switch cell {
        case .absent, .missing:
            return (nil, asOf, false)
        case .date(let last):
            let due = last.adding(months: intervalMonths)
            return (last, due, due < asOf)
        case .number, .label, .unusable:
            return nil
        }
    }

    /// Sets ``lastDone``, ``dueDate`` and ``overdue`` as ``due(lastDone:intervalMonths:asOf:)`` computes them.
    mutating func setDue(lastDone cell: PolicyCell, intervalMonths: Int, asOf: CalendarDate) {
        guard let due = Self.due(lastDone: cell, intervalMonths: intervalMonths, asOf: asOf) else { return }
        lastDone = due.lastDone
        dueDate = due.due
        overdue = due.overdue
    }
}
