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
///   overriding rule cannot itself be overridden)}].
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

    /// Each rule's condition with its field clauses resolved to indices into ``fields``.
    let conditions: [CompiledCondition]
    /// Each rule's `last_done_field` as an index into ``fields``.
    let lastDoneSlots: [Int?]
    /// Each modifiable factor's field and `when` condition resolved to ``fields`` indices.
    let modifiableSlots: [(field: Int, condition: CompiledCondition?)]
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
        let slots = Dictionary(uniqueKeysWithValues: self.fields.enumerated().map { ($1.name, $0) })
        self.conditions = rules.map { CompiledCondition($0.condition, slots: slots) }
        self.lastDoneSlots = rules.map { $0.lastDoneField.map { slots[$0]! } }
        self.modifiableSlots = modifiable.map { (slots[$0.field]!, $0.condition.map { CompiledCondition($0, slots: slots) }) }
        self.hasOverrides = rules.contains { !$0.overrides.isEmpty }
    }

    /// Policies are equal when their content is (the compiled forms follow from it).
    public static func == (a: RecommendationPolicy, b: RecommendationPolicy) -> Bool {
        a.policyVersion == b.policyVersion && a.date == b.date && a.title == b.title && a.disclaimer == b.disclaimer
            && a.notes == b.notes && a.outcome == b.outcome && a.fields == b.fields && a.bands == b.bands
            && a.rules == b.rules && a.modifiable == b.modifiable
    }

    /// The band containing `risk`; a risk exactly on a boundary belongs to the higher band.
    ///
    /// `risk` must be a probability in [0, 1] (a NaN or out-of-range risk is a programming error).
    public func band(for risk: Double) -> RiskBand {
        precondition(risk >= 0 && risk <= 1, "risk \(risk) is not a probability in [0, 1]")
        return bands.first { risk < $0.upper } ?? bands[bands.count - 1]
    }

    /// Applies the policy to one patient.
    ///
    /// - Parameters:
    ///   - risk: the model's predicted risk for the policy's outcome, in [0, 1].
    ///   - values: the patient's raw field values by field name; a field may be absent or `.missing`.
    ///   - contributions: optional per-feature contributions to this patient's risk (larger = contributes more);
    ///     lifestyle recommendations are ordered by the contribution of their `factor`, largest first, then the
    ///     lifestyle rules without a (finite) contribution in policy order.
    ///   - asOf: the date due dates are judged against; recommendations of rules with a `last_done_field` then
    ///     carry `last_done`, `due_date` and `overdue` (nil: no due dates).
    /// - Returns: recommendations (screening, therapy and counseling in policy order, then lifestyle) and the
    ///   rules skipped because their outcome depends on missing or unusable values; rules overridden by a rule
    ///   that fired are left out of both.
    ///
    /// Every rule is evaluated once; cost is linear in the number of clauses.
    public func recommend(risk: Double, values: [String: FieldValue],
                          contributions: [String: Double] = [:], asOf: CalendarDate? = nil) -> PolicyOutcome {
        recommend(risk: risk, fieldValues: fields.map { values[$0.name] }, asOf: asOf) { rule in
            rules[rule].factor.flatMap { contributions[$0] }
        }
    }

    /// ``recommend(risk:values:contributions:asOf:)`` with the patient's values given by position: `fieldValues[k]`
    /// is the value of `fields[k]` (nil: not in the record), and `factorContribution(r)` is the contribution of
    /// rule `r`'s `factor` (nil when there is none). Resolve names to positions once, then call this per patient.
    package func recommend(risk: Double, fieldValues: [FieldValue?], asOf: CalendarDate? = nil,
                           factorContribution: (Int) -> Double?) -> PolicyOutcome {
        let band = band(for: risk)
        let (recommendations, skipped) = applyRules(risk: risk, band: band.id, fieldValues: fieldValues, asOf: asOf,
                                                    factorContribution: factorContribution)
        return PolicyOutcome(policyVersion: policyVersion, risk: risk, band: band,
                             recommendations: recommendations, skipped: skipped)
    }

    /// Applies the rules that do not need the risk, for a patient the model cannot assess (outside its
    /// applicable range, or missing a required value): rules whose condition is decided by the patient's fields
    /// alone fire or not as usual; rules that depend on the risk or its band are skipped with the reason "needs the
    /// risk (not assessable)". Same order, overrides and due dates as ``recommend(risk:values:contributions:asOf:)``.
    public func recommendWithoutRisk(values: [String: FieldValue], asOf: CalendarDate? = nil)
        -> (recommendations: [Recommendation], skipped: [SkippedRule]) {
        recommendWithoutRisk(fieldValues: fields.map { values[$0.name] }, asOf: asOf)
    }

    /// ``recommendWithoutRisk(values:asOf:)`` with the values by position, as in
    /// ``recommend(risk:fieldValues:asOf:factorContribution:)``.
    package func recommendWithoutRisk(fieldValues: [FieldValue?], asOf: CalendarDate? = nil)
        -> (recommendations: [Recommendation], skipped: [SkippedRule]) {
        applyRules(risk: nil, band: nil, fieldValues: fieldValues, asOf: asOf) { _ in nil }
    }

    /// Evaluates every rule (risk and band `nil` for a patient without a risk), orders lifestyle advice by
    /// contribution, drops overridden rules and sets due dates.
    private func applyRules(risk: Double?, band: String?, fieldValues: [FieldValue?], asOf: CalendarDate?,
                            factorContribution: (Int) -> Double?) -> ([Recommendation], [SkippedRule]) {
        var ordered: [Recommendation] = []
        var lifestyle: [Recommendation] = []
        var skipped: [SkippedRule] = []
        var overridden = Set<String>()
        for r in rules.indices {
            switch conditions[r].evaluate(risk: risk, band: band, values: fieldValues, fields: fields) {
            case .no:
                continue
            case .yes:
                var recommendation = Recommendation(
                    rule: rules[r].id, kind: rules[r].kind, text: rules[r].text, intervalMonths: rules[r].intervalMonths,
                    source: rules[r].source, note: rules[r].note, factor: rules[r].factor,
                    contribution: factorContribution(r).flatMap { $0.isFinite ? $0 : nil })
                if let asOf, let slot = lastDoneSlots[r], let months = rules[r].intervalMonths {
                    recommendation.setDue(lastDone: fieldValues[slot], intervalMonths: months, asOf: asOf)
                }
                if hasOverrides { overridden.formUnion(rules[r].overrides) }
                if rules[r].kind == .lifestyle { lifestyle.append(recommendation) } else { ordered.append(recommendation) }
            case .unknown(let problems):
                var seen = Set<String>()
                let distinct = problems.filter { seen.insert($0.field).inserted }
                let reason = "needs " + distinct.map {
                    $0.field == PolicyFieldProblem.riskSubject ? "the risk (\($0.reason))" : "`\($0.field)` (\($0.reason))"
                }.joined(separator: ", ")
                skipped.append(SkippedRule(rule: rules[r].id,
                                           fields: distinct.map(\.field).filter { $0 != PolicyFieldProblem.riskSubject },
                                           reason: reason))
            }
        }
        // Stable sort: by contribution, largest first; rules without a contribution keep policy order at the end.
        let ranked = lifestyle.enumerated().sorted { a, b in
            switch (a.element.contribution, b.element.contribution) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
        guard !overridden.isEmpty else { return (ordered + ranked, skipped) }
        return ((ordered + ranked).filter { !overridden.contains($0.rule) }, skipped.filter { !overridden.contains($0.rule) })
    }

    /// The modifiable factors that are off target for one patient, each with its current and target value, in
    /// policy order (one per field: the first entry whose `when` holds). Factors whose value is missing or not a
    /// number, or whose `when` cannot be decided, are left out.
    public func offTargetFactors(values: [String: FieldValue]) -> [OffTargetFactor] {
        offTargetFactors(fieldValues: fields.map { values[$0.name] })
    }

    /// ``offTargetFactors(values:)`` with the values by position, as in
    /// ``recommend(risk:fieldValues:asOf:factorContribution:)``.
    package func offTargetFactors(fieldValues: [FieldValue?]) -> [OffTargetFactor] {
        var decided = Set<Int>()
        var result: [OffTargetFactor] = []
        for (k, slots) in modifiableSlots.enumerated() where !decided.contains(slots.field) {
            if let condition = slots.condition {
                guard case .yes = condition.evaluate(risk: nil, band: nil, values: fieldValues, fields: fields) else { continue }
            }
            decided.insert(slots.field)
            guard case .number(let current)? = fieldValues[slots.field],
                  let target = modifiable[k].target.target(for: current) else { continue }
            result.append(OffTargetFactor(factor: k, field: modifiable[k].field, label: modifiable[k].label,
                                          current: current, target: target, source: modifiable[k].source))
        }
        return result
    }
}
