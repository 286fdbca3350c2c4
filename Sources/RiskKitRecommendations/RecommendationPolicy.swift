import Foundation
import RiskKitData

/// A versioned, human-editable recommendation policy: risk bands and guideline rules that turn one patient's
/// predicted risk and raw field values into recommendations, each citing its rule id and guideline source.
///
/// This is decision support, not diagnosis. Policies are JSON files (`"format": "riskkit-policy"`, schema
/// `"version": 1`); `Models/default-policy.json` documents the format by example. Loading validates the whole
/// file and throws `DataError` naming the file and the JSON path (with the rule id) of the first problem.
///
/// Schema (version 1; unknown keys are errors everywhere; keys marked *optional* may be left out, so files
/// written before they existed still load):
/// - top level: `format`, `version`, `policy_version`, `date` (YYYY-MM-DD), `title`, `disclaimer`,
///   `outcome` {`description`, `horizon_years`, optional `label`}, `fields`, `bands`, `rules`; optional `notes`
///   [string], `definitions` {name: condition} and `modifiable` [factor].
/// - `outcome.label`: the outcome contract. A model must declare the same label (ignoring case; `train
///   --outcome-label`) and horizon (`train --horizon-years`) for the policy to apply to it; see
///   ``contract(with:)``.
/// - `fields`: {name: {`type`: `number` | `category` | `date`, optional `unit`, `levels` [string] (category),
///   `description`, `plausible` [lowest, highest] (number: a value outside, in `unit`, is an error)}}. A `date`
///   field holds `YYYY-MM-DD` text and is read only by `last_done_field`.
/// - `bands`: ascending [{`id`, `label`, `lower`, `upper`, `source`, optional `note`}] tiling [0, 1]; each band is
///   `[lower, upper)`, the last also contains 1.
/// - `rules`: [{`id`, `kind` (`screening` | `lifestyle` | `therapy` | `counseling`), `when`, `text`,
///   `interval_months` (positive integer or null), `source`, optional `note`, optional `factor` (lifestyle only),
///   optional `last_done_field` (a `date` field; needs `interval_months`: the recommendation gets `last_done`,
///   `due_date` and `overdue` relative to the as-of date), optional `overrides` [rule ids] (when this rule fires
///   the listed rules are dropped, as a BRCA pathway replaces average-risk mammography; one level deep: an
///   overriding rule cannot itself be overridden; ids of another policy of the same care plan are allowed and
///   carried by the recommendation as `overrides`, for the plan to drop)}].
/// - `modifiable`: [{`field` (a `number` field), `target`, `label`, `source`, optional `when` (a condition on
///   fields only)}], the factors a what-if plan may change. `target` is `{"equals": v}`, `{"at_most": b}` or
///   `{"at_least": b}`, optionally with `"relative_change": r` (a fraction, −0.10 = −10 %, moving toward the
///   bound and stopping there), or `{"relative_change": r}` alone; see ``ModifiableTarget``. For a field listed
///   more than once, the first entry whose `when` holds applies (e.g. alcohol limits by sex).
/// - a condition is one of `{"all": [conditions]}`, `{"any": [conditions]}`, `{"is": "definition"}`,
///   `{"risk": {comparisons}}`, `{"band": {"in": [ids]} | {"equals": id}}`, or
///   `{"field": name, comparisons...}`; comparisons are `equals`, `in`, `at_least`, `at_most`, `above`,
///   `below`, `between` [lo, hi] (inclusive), and several in one clause must all hold.
public struct RecommendationPolicy: Sendable, Equatable {
    /// The `format` value every policy file carries.
    public static let format = "riskkit-policy"
    /// The policy-file schema version this library reads.
    public static let schemaVersion = 1

    /// The author's version of the policy content, for example "2026.11".
    public var policyVersion: String
    /// The date the policy content was fixed (YYYY-MM-DD).
    public var date: String
    /// Title of the policy.
    public var title: String
    /// Scope and limits of use, to be shown with every report.
    public var disclaimer: String
    /// Free-text remarks from the policy author (may be empty).
    public var notes: [String]
    /// What the paired model predicts, and over which horizon.
    public var outcome: PredictedOutcome
    /// The patient fields the rules test, sorted by name.
    public var fields: [PolicyField]
    /// Risk bands, ascending, tiling [0, 1].
    public var bands: [RiskBand]
    /// Rules in policy order.
    public var rules: [PolicyRule]
    /// Factors a what-if plan may change, in policy order (empty when the policy declares none).
    public var modifiable: [ModifiableFactor]

    /// Each field's known labels (see ``PolicyCell/label(_:)``): its declared levels, or the labels its
    /// conditions name; empty for `number` fields.
    package let labels: [[String]]
    /// The rules' conditions, then the modifiable factors' `when` conditions, compiled once.
    let compiled: CompiledConditions
    /// Each rule's `last_done_field` as a position in ``fields`` (nil: none).
    package let lastDoneSlots: [Int?]
    /// Each modifiable factor's field as a position in ``fields``.
    let modifiableSlots: [Int]
    /// For each rule, the positions of the rules it overrides (empty for most).
    let overriddenRules: [[Int32]]
    /// Whether any rule overrides others.
    let hasOverrides: Bool

    /// Reads and validates the policy file at `path`.
    ///
    /// Throws `InputFileError` when the file cannot be read and `DataError` when its content is not a valid policy.
    public static func load(path: String) throws -> RecommendationPolicy {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var isDirectory: ObjCBool = false
            let reason: String
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                reason = "No such file or directory"
            } else if isDirectory.boolValue {
                reason = "Is a directory"
            } else {
                reason = error.localizedDescription
            }
            throw InputFileError(path: path, reason: reason)
        }
        return try RecommendationPolicy(data: data, file: path)
    }

    /// Parses and validates a policy from JSON bytes; `file` only labels error messages.
    public init(data: Data, file: String? = nil) throws {
        self = try PolicyParser(file: file).parse(data)
    }

    /// Creates a policy from parts that `PolicyParser` has already validated.
    init(policyVersion: String, date: String, title: String, disclaimer: String, notes: [String],
         outcome: PredictedOutcome, fields: [PolicyField], bands: [RiskBand], rules: [PolicyRule],
         modifiable: [ModifiableFactor] = []) {
        self.policyVersion = policyVersion
        self.date = date
        self.title = title
        self.disclaimer = disclaimer
        self.notes = notes
        self.outcome = outcome
        self.fields = fields.sorted { $0.name < $1.name }
        self.bands = bands
        self.rules = rules
        self.modifiable = modifiable
        let conditions = rules.map(\.condition) + modifiable.map { $0.condition ?? .all([]) }
        let labels = self.fields.map { field in
            field.type == .category ? field.levels ?? Self.labels(of: field.name, in: conditions) : []
        }
        self.labels = labels
        self.compiled = CompiledConditions(conditions: conditions, fields: self.fields, labels: labels,
                                           bandIDs: bands.map(\.id))
        let slots = Dictionary(uniqueKeysWithValues: self.fields.enumerated().map { ($1.name, $0) })
        let positions = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, Int32($0)) })
        self.lastDoneSlots = rules.map { $0.lastDoneField.map { slots[$0]! } }
        self.modifiableSlots = modifiable.map { slots[$0.field]! }
        self.overriddenRules = rules.map { $0.overrides.compactMap { positions[$0] } }
        self.hasOverrides = rules.contains { !$0.overrides.isEmpty }
    }
}
