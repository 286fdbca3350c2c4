import RiskKitModels
import RiskKitData

/// How a policy's outcome contract (`outcome.label`, `outcome.horizon_years`) compares with the outcome a model
/// declares (its `outcome.label` and `outcome.horizon_years`).
public enum PolicyContract: Sendable, Equatable {
    /// The policy declares a label and the model declares the same label and horizon.
    case matches
    /// Nothing contradicts, but the check could not be done in full; the reason says what was not declared.
    case unchecked(reason: String)
    /// The policy was written for another outcome or horizon; each entry names one difference.
    case mismatch([String])
}

extension RecommendationPolicy {
    /// Compares the policy's outcome contract with the model's declared outcome.
    ///
    /// Labels are compared ignoring case and surrounding spaces, horizons exactly. A policy with an
    /// `outcome.label` requires the model to declare the same label and horizon: a model that declares none is a
    /// mismatch. A policy without a label (written before labels existed) is compared on its horizon when the
    /// model declares one, and is otherwise ``PolicyContract/unchecked(reason:)``.
    public func contract(with model: RiskModel) -> PolicyContract {
        let years = FieldValue.number(outcome.horizonYears)
        var differences: [String] = []
        if let label = outcome.label {
            switch model.outcome.label {
            case nil:
                differences.append("outcome: the model declares none, the policy applies to `\(label)`")
            case let modelLabel? where Self.normalized(modelLabel) != Self.normalized(label):
                differences.append("outcome: the model predicts `\(modelLabel)`, the policy applies to `\(label)`")
            default: break
            }
        }
        switch model.outcome.horizonYears {
        case nil where outcome.label != nil:
            differences.append("horizon: the model declares none, the policy applies to \(years) years")
        case let h? where h != outcome.horizonYears:
            differences.append("horizon: the model predicts over \(FieldValue.number(h)) years, the policy applies to \(years) years")
        default: break
        }
        if !differences.isEmpty { return .mismatch(differences) }
        guard outcome.label != nil else {
            return .unchecked(reason: model.outcome.horizonYears == nil
                ? "neither the policy nor the model declares an outcome label and horizon"
                : "the policy declares no outcome label; only the horizon was compared")
        }
        return .matches
    }

    /// ``contract(with:)``, throwing on a mismatch unless `force` is set.
    ///
    /// - Parameter file: the policy file, to name in the error.
    /// - Returns: the comparison (a ``PolicyContract/mismatch(_:)`` only when forced), so a caller can say what it
    ///   could not check or what it applied anyway.
    /// - Throws: ``DataError`` with ``DataError/Code/policyModelMismatch`` naming every difference.
    @discardableResult
    public func checkContract(with model: RiskModel, force: Bool = false, file: String? = nil) throws -> PolicyContract {
        let result = contract(with: model)
        if case .mismatch(let differences) = result, !force {
            throw DataError(code: .policyModelMismatch, file: file,
                            "the policy was written for another outcome than the model predicts (\(differences.joined(separator: "; ")))")
        }
        return result
    }

    private static func normalized(_ s: String) -> String { s.trimmingWhitespace().lowercased() }
}
