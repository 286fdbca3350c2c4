
/// A rule that could not be evaluated for a patient because a value it needs is missing or unusable.
///
/// JSON keys: `rule`, `fields` (the field names at fault), `reason` (a sentence naming each field and what is
/// wrong with it).
public struct SkippedRule: Sendable, Equatable, Codable {
    /// The id of the rule.
    public var rule: String
    /// The fields whose values were needed: missing, absent from the record, or of the wrong type.
    public var fields: [String]
    /// Why, for example "needs `bmi` (missing), `hba1c` (not in the record)".
    public var reason: String

    /// Creates a skipped-rule entry.
    public init(rule: String, fields: [String], reason: String) {
        self.rule = rule
        self.fields = fields
        self.reason = reason
    }
}
