
/// The version of this RiskKit build, recorded in every model it trains.
public enum RiskKitVersion {
    /// Semantic version string.
    public static let current = "0.1.0"
}
