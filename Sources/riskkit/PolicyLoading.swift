import Foundation
import RiskKit

/// How `score` and `rescore` find, read and check the policy of each model: `--policy FILE`, else
/// `default-policy.json` beside the model, else none; `--no-policy` for none; the policy's outcome and horizon
/// checked against the model's unless `--force-policy`.
struct PolicyLoading {
    /// `--no-policy`.
    var noPolicy: Bool
    /// `--force-policy`.
    var forcePolicy: Bool

    /// The policy to apply to `riskModel` (read from `modelPath`) and the file it came from; nil: none.
    /// - Throws: ``DataError`` (exit 65) when the policy was written for another outcome or horizon, unless
    ///   `--force-policy`; the policy file's reading errors.
    func policy(for riskModel: RiskModel, modelPath: String, policyPath: String?) throws
        -> (policy: RecommendationPolicy, path: String)? {
        if noPolicy { return nil }
        let beside = URL(fileURLWithPath: modelPath).deletingLastPathComponent().appendingPathComponent("default-policy.json").path
        guard let path = policyPath ?? (FileManager.default.fileExists(atPath: beside) ? beside : nil) else {
            log.info("no recommendation policy (pass --policy FILE); reporting risk only")
            return nil
        }
        let loaded = try RecommendationPolicy.load(path: path)
        switch try loaded.checkContract(with: riskModel, force: forcePolicy, file: path) {
        case .matches: break
        case .unchecked(let reason): log.info("policy and model outcome not compared: \(reason)")
        case .mismatch(let differences):
            log.warning("applying the policy to another outcome than it was written for (--force-policy): \(differences.joined(separator: "; "))")
        }
        return (loaded, path)
    }
}
