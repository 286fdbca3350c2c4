import RiskKitStatistics
import RiskKitData

/// Where a PRS model came from.
///
/// JSON keys: `inputs` (role → `{path, sha256}`), `reference_samples`, `variants_considered`, `date`,
/// `riskkit_version`, `options`.
public struct PolygenicScoreProvenance: Codable, Sendable, Equatable {
    /// One input file.
    public struct Input: Codable, Sendable, Equatable {
        /// The path as given.
        public var path: String
        /// SHA-256 of its bytes (hex).
        public var sha256: String

        /// Creates an input record.
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// Inputs by role (`statistics`, `bed`, `bim`, `fam`, `validate`, …).
    public var inputs: [String: Input]
    /// Samples the reference distribution summarizes.
    public var referenceSamples: Int
    /// Variants considered before selection, and why others were left out (counts by reason).
    public var variantCounts: [String: Int]
    /// ISO 8601 time of the build.
    public var date: String
    /// RiskKit version that built it.
    public var riskkitVersion: String
    /// Options as given.
    public var options: [String: String]

    enum CodingKeys: String, CodingKey {
        case inputs
        case referenceSamples = "reference_samples"
        case variantCounts = "variant_counts"
        case date
        case riskkitVersion = "riskkit_version"
        case options
    }

    /// Creates a provenance record.
    public init(inputs: [String: Input], referenceSamples: Int, variantCounts: [String: Int], date: String,
                riskkitVersion: String, options: [String: String]) {
        self.inputs = inputs
        self.referenceSamples = referenceSamples
        self.variantCounts = variantCounts
        self.date = date
        self.riskkitVersion = riskkitVersion
        self.options = options
    }
}
