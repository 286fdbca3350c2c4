import RiskKitModels
import RiskKitData

/// A value a condition needed but could not use, with the reason in words.
struct PolicyFieldProblem: Equatable {
    /// The field name.
    let field: String
    /// "missing", "not in the record", "is `abc`, expected a number", ...
    let reason: String
}

/// The three-valued result of evaluating a condition.
enum PolicyTruth: Equatable {
    case yes
    case no
    /// The result depends on the listed values that could not be used.
    case unknown([PolicyFieldProblem])
}

extension PolicyCondition {
    /// Evaluates the condition for one patient with three-valued (Kleene) logic; see `PolicyCondition`.
    ///
    /// `fields` are the policy's declared fields (every field a condition names is declared: loading checks it).
    /// Cost: one dictionary look-up per clause.
    func evaluate(risk: Double, band: String, values: [String: FieldValue],
                  fields: [String: PolicyField]) -> PolicyTruth {
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
            return comparisons.allSatisfy { $0.holds(for: .number(risk)) } ? .yes : .no
        case .band(let ids):
            return ids.contains(band) ? .yes : .no
        case .field(let name, let comparisons):
            switch Self.usableValue(of: name, in: values, declared: fields[name]) {
            case .failure(let problem):
                return .unknown([problem])
            case .success(let value):
                return comparisons.allSatisfy { $0.holds(for: value) } ? .yes : .no
            }
        }
    }

    /// The record's value of `name` as a condition constant, or why it cannot be used.
    private static func usableValue(of name: String, in values: [String: FieldValue],
                                    declared: PolicyField?) -> Result<PolicyValue, PolicyFieldProblem> {
        guard let raw = values[name] else {
            return .failure(PolicyFieldProblem(field: name, reason: "not in the record"))
        }
        let type = declared?.type ?? .number
        switch raw {
        case .missing:
            return .failure(PolicyFieldProblem(field: name, reason: "missing"))
        case .number(let d):
            guard type == .number else {
                return .failure(PolicyFieldProblem(field: name, reason: "is \(raw), expected a category label"))
            }
            guard d.isFinite else {
                return .failure(PolicyFieldProblem(field: name, reason: "is \(d), expected a finite number"))
            }
            return .success(.number(d))
        case .text(let s):
            guard type == .category else {
                return .failure(PolicyFieldProblem(field: name, reason: "is `\(s)`, expected a number"))
            }
            if let levels = declared?.levels, !levels.contains(s) {
                let list = levels.map { "`\($0)`" }.joined(separator: ", ")
                return .failure(PolicyFieldProblem(field: name, reason: "is `\(s)`, expected one of \(list)"))
            }
            return .success(.text(s))
        }
    }
}

/// A field problem travels in a `Result`; it is never thrown out of the library.
extension PolicyFieldProblem: Error {}
