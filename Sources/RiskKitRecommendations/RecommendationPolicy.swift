import Foundation
import RiskKitData

/// A versioned, human-editable recommendation policy: risk bands and guideline rules that turn one patient's
/// predicted risk and raw field values into recommendations, each citing its rule id and guideline source.
///
/// This is decision support, not diagnosis. Policies are JSON files (`"format": "riskkit-policy"`, schema
/// `"version": 1`); `Models/default-policy.json` documents the format by example. Loading validates the whole
/// file and throws `DataError` naming the file and the JSON path (with the rule id) of the first problem.
///
/// Schema (version 1; unknown keys are errors everywhere):
/// - top level: `format`, `version`, `policy_version`, `date` (YYYY-MM-DD), `title`, `disclaimer`,
///   `outcome` {`description`, `horizon_years`}, `fields`, `bands`, `rules`; optional `notes` [string] and
///   `definitions` {name: condition}.
/// - `fields`: {name: {`type`: `number` | `category`, optional `unit`, `levels` [string], `description`}}.
/// - `bands`: ascending [{`id`, `label`, `lower`, `upper`, `source`, optional `note`}] tiling [0, 1]; each band is
///   `[lower, upper)`, the last also contains 1.
/// - `rules`: [{`id`, `kind` (`screening` | `lifestyle` | `therapy` | `counseling`), `when`, `text`,
///   `interval_months` (positive integer or null), `source`, optional `note`, optional `factor` (lifestyle only)}].
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

    /// Each rule's condition with its field clauses resolved to indices into ``fields``.
    let conditions: [CompiledCondition]

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
         outcome: PredictedOutcome, fields: [PolicyField], bands: [RiskBand], rules: [PolicyRule]) {
        self.policyVersion = policyVersion
        self.date = date
        self.title = title
        self.disclaimer = disclaimer
        self.notes = notes
        self.outcome = outcome
        self.fields = fields.sorted { $0.name < $1.name }
        self.bands = bands
        self.rules = rules
        let slots = Dictionary(uniqueKeysWithValues: self.fields.enumerated().map { ($1.name, $0) })
        self.conditions = rules.map { CompiledCondition($0.condition, slots: slots) }
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
    /// - Returns: recommendations (screening, therapy and counseling in policy order, then lifestyle) and the
    ///   rules skipped because their outcome depends on missing or unusable values.
    ///
    /// Every rule is evaluated once; cost is linear in the number of clauses.
    public func recommend(risk: Double, values: [String: FieldValue],
                          contributions: [String: Double] = [:]) -> PolicyOutcome {
        recommend(risk: risk, fieldValues: fields.map { values[$0.name] }) { rule in
            rules[rule].factor.flatMap { contributions[$0] }
        }
    }

    /// ``recommend(risk:values:contributions:)`` with the patient's values given by position: `fieldValues[k]` is
    /// the value of `fields[k]` (nil: not in the record), and `factorContribution(r)` is the contribution of rule
    /// `r`'s `factor` (nil when there is none). Resolve names to positions once, then call this per patient.
    package func recommend(risk: Double, fieldValues: [FieldValue?],
                           factorContribution: (Int) -> Double?) -> PolicyOutcome {
        let band = band(for: risk)
        var ordered: [Recommendation] = []
        var lifestyle: [Recommendation] = []
        var skipped: [SkippedRule] = []
        for r in rules.indices {
            switch conditions[r].evaluate(risk: risk, band: band.id, values: fieldValues, fields: fields) {
            case .no:
                continue
            case .yes:
                let recommendation = Recommendation(
                    rule: rules[r].id, kind: rules[r].kind, text: rules[r].text, intervalMonths: rules[r].intervalMonths,
                    source: rules[r].source, note: rules[r].note, factor: rules[r].factor,
                    contribution: factorContribution(r).flatMap { $0.isFinite ? $0 : nil })
                if rules[r].kind == .lifestyle { lifestyle.append(recommendation) } else { ordered.append(recommendation) }
            case .unknown(let problems):
                var seen = Set<String>()
                let distinct = problems.filter { seen.insert($0.field).inserted }
                let reason = "needs " + distinct.map { "`\($0.field)` (\($0.reason))" }.joined(separator: ", ")
                skipped.append(SkippedRule(rule: rules[r].id, fields: distinct.map(\.field), reason: reason))
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
        return PolicyOutcome(policyVersion: policyVersion, risk: risk, band: band,
                             recommendations: ordered + ranked, skipped: skipped)
    }
}
