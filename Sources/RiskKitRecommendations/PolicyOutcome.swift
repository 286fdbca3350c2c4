import RiskKitModels
import RiskKitData

/// The result of applying a policy to one patient: the risk band, the recommendations, and the rules that could
/// not be evaluated.
///
/// JSON keys: `policy_version`, `risk`, `band` (the band object), `recommendations`, `skipped`.
public struct PolicyOutcome: Sendable, Equatable, Codable {
    /// The `policy_version` of the policy that produced this outcome.
    public var policyVersion: String
    /// The predicted risk the policy was applied to.
    public var risk: Double
    /// The band containing `risk`.
    public var band: RiskBand
    /// Recommendations: screening, therapy and counseling rules in policy order, then lifestyle rules.
    public var recommendations: [Recommendation]
    /// Rules whose conditions depend on missing or unusable values, in policy order.
    public var skipped: [SkippedRule]

    /// Creates an outcome.
    public init(policyVersion: String, risk: Double, band: RiskBand, recommendations: [Recommendation],
                skipped: [SkippedRule]) {
        self.policyVersion = policyVersion
        self.risk = risk
        self.band = band
        self.recommendations = recommendations
        self.skipped = skipped
    }

    private enum CodingKeys: String, CodingKey {
        case policyVersion = "policy_version", risk, band, recommendations, skipped
    }
}
