import RiskKitModels
import RiskKitData

/// A value a condition needed but could not use, with the reason in words.
struct PolicyFieldProblem: Equatable {
    /// The field name, or ``riskSubject`` when the condition needed a risk the patient does not have.
    let field: String
    /// "missing", "not in the record", "is `abc`, expected a number", ...
    let reason: String

    /// The ``field`` of a problem with the risk itself (no field name is empty, so it names no field).
    static let riskSubject = ""
    /// The problem of a risk or band clause evaluated for a patient without a risk.
    static let noRisk = PolicyFieldProblem(field: riskSubject, reason: "not assessable")
}

/// The three-valued result of evaluating a condition.
enum PolicyTruth: Equatable {
    case yes
    case no
    /// The result depends on the listed values that could not be used.
    case unknown([PolicyFieldProblem])
}

/// A rule condition with every field clause resolved to its field's index in the policy's ``RecommendationPolicy/fields``,
/// built once when the policy is made, so evaluating a patient looks nothing up by name.
indirect enum CompiledCondition: Sendable, Equatable {
    case all([CompiledCondition])
    case any([CompiledCondition])
    /// The field at this index of the policy's fields passes every comparison.
    case field(Int, [PolicyComparison])
    case risk([PolicyComparison])
    case band([String])

    /// Compiles `condition`; `slots` maps each declared field name to its index (loading checks that every
    /// field a condition names is declared).
    init(_ condition: PolicyCondition, slots: [String: Int]) {
        switch condition {
        case .all(let parts): self = .all(parts.map { CompiledCondition($0, slots: slots) })
        case .any(let parts): self = .any(parts.map { CompiledCondition($0, slots: slots) })
        case .field(let name, let comparisons): self = .field(slots[name]!, comparisons)
        case .risk(let comparisons): self = .risk(comparisons)
        case .band(let ids): self = .band(ids)
        }
    }

    /// Evaluates the condition for one patient with three-valued (Kleene) logic; see ``PolicyCondition``.
    ///
    /// `values[k]` is the patient's value of `fields[k]` (nil: not in the record); `risk` and `band` are `nil` for a
    /// patient the model cannot assess (risk and band clauses are then unknown). Cost: linear in the clauses.
    func evaluate(risk: Double?, band: String?, values: [FieldValue?], fields: [PolicyField]) -> PolicyTruth {
        switch self {
        case .all(let parts):
            var problems: [PolicyFieldProblem] = []
            for part in parts {
                switch part.evaluate(risk: risk, band: band, values: values, fields: fields) {
                case .no: return .no
                case .yes: continue
                case .unknown(let p): problems += p
                }
            }
            return problems.isEmpty ? .yes : .unknown(problems)
        case .any(let parts):
            var problems: [PolicyFieldProblem] = []
            for part in parts {
                switch part.evaluate(risk: risk, band: band, values: values, fields: fields) {
                case .yes: return .yes
                case .no: continue
                case .unknown(let p): problems += p
                }
            }
            return problems.isEmpty ? .no : .unknown(problems)
        case .risk(let comparisons):
            guard let risk else { return .unknown([.noRisk]) }
            return comparisons.allSatisfy { $0.holds(for: .number(risk)) } ? .yes : .no
        case .band(let ids):
            guard let band else { return .unknown([.noRisk]) }
            return ids.contains(band) ? .yes : .no
        case .field(let slot, let comparisons):
            switch Self.usableValue(values[slot], slot: slot, fields: fields) {
            case .failure(let problem):
                return .unknown([problem])
            case .success(let value):
                return comparisons.allSatisfy { $0.holds(for: value) } ? .yes : .no
            }
        }
    }

    /// The record's value of field `fields[slot]` as a condition constant, or why it cannot be used.
    private static func usableValue(_ value: FieldValue?, slot: Int, fields: [PolicyField]) -> Result<PolicyValue, PolicyFieldProblem> {
        var name: String { fields[slot].name }
        guard let raw = value else {
            return .failure(PolicyFieldProblem(field: name, reason: "not in the record"))
        }
        switch raw {
        case .missing:
            return .failure(PolicyFieldProblem(field: name, reason: "missing"))
        case .number(let d):
            guard fields[slot].type == .number else {
                return .failure(PolicyFieldProblem(field: name, reason: "is \(raw), expected a category label"))
            }
            guard d.isFinite else {
                return .failure(PolicyFieldProblem(field: name, reason: "is \(d), expected a finite number"))
            }
            return .success(.number(d))
        case .text(let s):
            guard fields[slot].type == .category else {
                return .failure(PolicyFieldProblem(field: name, reason: "is `\(s)`, expected a number"))
            }
            if let levels = fields[slot].levels, !levels.contains(s) {
                let list = levels.map { "`\($0)`" }.joined(separator: ", ")
                return .failure(PolicyFieldProblem(field: name, reason: "is `\(s)`, expected one of \(list)"))
            }
            return .success(.text(s))
        }
    }
}

/// A field problem travels in a `Result`; it is never thrown out of the library.
extension PolicyFieldProblem: Error {}
