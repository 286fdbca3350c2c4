
/// One rule of a recommendation policy: when `condition` holds for a patient, recommend `text`, citing `source`.
public struct PolicyRule: Sendable, Equatable {
    /// Unique identifier, cited in every recommendation the rule produces ("CV-01").
    public var id: String
    /// What kind of action the rule recommends.
    public var kind: RuleKind
    /// When the rule fires.
    public var condition: PolicyCondition
    /// What to do, in plain language.
    public var text: String
    /// Repeat interval in months, or `nil` when the guideline sets none.
    public var intervalMonths: Int?
    /// Guideline, year and grade (or class of recommendation), for example "USPSTF 2022, grade B".
    public var source: String
    /// Optional remark: scope, operational definitions, what was not verified.
    public var note: String?
    /// For lifestyle rules, the model feature the advice acts on; used to order lifestyle advice.
    public var factor: String?
    /// The `date` field holding when this test was last done (`last_done_field`), so the recommendation gets a
    /// due date (last done + ``intervalMonths``) and an overdue flag; `nil`: none.
    public var lastDoneField: String?
    /// Ids of the rules this rule replaces when it fires (`overrides`), such as average-risk screening replaced by
    /// a high-risk pathway: rules of this policy, or of another policy of the same care plan (the recommendation
    /// carries them, so a merged plan can drop those); empty: none.
    public var overrides: [String]

    /// Creates a rule.
    public init(id: String, kind: RuleKind, condition: PolicyCondition, text: String, intervalMonths: Int?,
                source: String, note: String? = nil, factor: String? = nil, lastDoneField: String? = nil,
                overrides: [String] = []) {
        self.id = id
        self.kind = kind
        self.condition = condition
        self.text = text
        self.intervalMonths = intervalMonths
        self.source = source
        self.note = note
        self.factor = factor
        self.lastDoneField = lastDoneField
        self.overrides = overrides
    }
}

/// The kind of action a rule recommends.
public enum RuleKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// A test or examination, usually repeated at an interval.
    case screening
    /// A change in behaviour the patient can make (smoking, weight, activity, alcohol).
    case lifestyle
    /// A medication or treatment decision.
    case therapy
    /// A discussion or referral.
    case counseling
}
