import RiskKitStatistics
import RiskKitData

/// How a clumping-and-thresholding score was chosen.
///
/// JSON keys: `clump_r2`, `clump_kb`, `clump_p`, `ld_reference`, `clumps`, `thresholds` (``ThresholdResult`` each),
/// `chosen_threshold`, `validation_samples`, `validation_cases`, `covariates`.
public struct ClumpingThresholdingSummary: Codable, Sendable, Equatable {
    /// r² threshold of the clumping.
    public var clumpR2: Double
    /// Clumping window, kb.
    public var clumpKb: Double
    /// Index-variant p-value threshold of the clumping.
    public var clumpP: Double
    /// The fileset LD came from (`target` or the `--ld-ref` prefix).
    public var ldReference: String
    /// Number of clumps (index variants).
    public var clumps: Int
    /// Every threshold's validation result.
    public var thresholds: [ThresholdResult]
    /// The threshold chosen (largest R²).
    public var chosenThreshold: Double
    /// Validation samples used.
    public var validationSamples: Int
    /// Cases among them.
    public var validationCases: Int
    /// Covariates of the R² comparison.
    public var covariates: [String]

    enum CodingKeys: String, CodingKey {
        case clumpR2 = "clump_r2", clumpKb = "clump_kb", clumpP = "clump_p", ldReference = "ld_reference"
        case clumps, thresholds
        case chosenThreshold = "chosen_threshold"
        case validationSamples = "validation_samples"
        case validationCases = "validation_cases"
        case covariates
    }

    /// Creates the summary.
    public init(clumpR2: Double, clumpKb: Double, clumpP: Double, ldReference: String, clumps: Int,
                thresholds: [ThresholdResult], chosenThreshold: Double, validationSamples: Int, validationCases: Int,
                covariates: [String]) {
        self.clumpR2 = clumpR2
        self.clumpKb = clumpKb
        self.clumpP = clumpP
        self.ldReference = ldReference
        self.clumps = clumps
        self.thresholds = thresholds
        self.chosenThreshold = chosenThreshold
        self.validationSamples = validationSamples
        self.validationCases = validationCases
        self.covariates = covariates
    }
}
