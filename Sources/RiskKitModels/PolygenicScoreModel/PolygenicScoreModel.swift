import RiskKitStatistics
import RiskKitData

/// A polygenic score built by RiskKit (`riskkit prs build`), saved as one checksummed JSON file: the weights, the
/// allele frequencies used to impute missing calls, the distribution of the score in its reference samples, how the
/// score was chosen, and where it came from. It holds no individual's data.
///
/// JSON keys (stable): `format`, `version`, `description`, `method`, `variants` (`id`, `chromosome`, `position`,
/// `effect_allele`, `other_allele`, `weight`, `effect_allele_frequency`), `reference` (`count`, `mean`, `sd`,
/// `quantiles`), `clumping_thresholding`, `penalized`, `ancestry` (`pca`, `adjustment`), `provenance`, `checksum`.
public struct PolygenicScoreModel: Codable, Sendable, Equatable {
    /// The value of `format`.
    public static let formatName = "riskkit-prs-model"
    /// The version this RiskKit writes and reads.
    public static let currentVersion = 1

    /// Always ``formatName``.
    public var format: String
    /// Always ``currentVersion``.
    public var version: Int
    /// Free text, e.g. what the score predicts and that a demo was built on synthetic data.
    public var description: String?
    /// How the weights were chosen: `ct`, `lasso` or `elasticnet`.
    public var method: String
    /// The weighted alleles.
    public var variants: [Variant]
    /// The score in the reference samples.
    public var reference: ScoreDistribution
    /// The clumping-and-thresholding run that chose the weights (method `ct`).
    public var clumpingThresholding: ClumpingThresholdingSummary?
    /// The lasso / elastic-net fit that chose the weights (methods `lasso`, `elasticnet`).
    public var penalized: PenalizedSummary?
    /// Ancestry PCs of the reference samples and the score's regression on them (`--ancestry-pcs K`).
    public var ancestry: AncestryReference?
    /// Inputs, counts and versions.
    public var provenance: PolygenicScoreProvenance
    /// See ``ChecksummedDocument``.
    public var checksum: String?

    /// One weighted allele.
    public struct Variant: Codable, Sendable, Equatable {
        /// Variant id, matched against `.bim` column 2.
        public var id: String
        /// Chromosome (`.bim` column 1 of the fileset the model was built on).
        public var chromosome: String
        /// Base-pair position.
        public var position: Int
        /// The allele whose dosage is weighted.
        public var effectAllele: String
        /// The variant's other allele.
        public var otherAllele: String
        /// Weight per copy of the effect allele.
        public var weight: Double
        /// Effect-allele frequency in the reference samples: a missing call counts as 2 × this.
        public var effectAlleleFrequency: Double

        enum CodingKeys: String, CodingKey {
            case id, chromosome, position
            case effectAllele = "effect_allele"
            case otherAllele = "other_allele"
            case weight
            case effectAlleleFrequency = "effect_allele_frequency"
        }

        /// Creates a variant.
        public init(id: String, chromosome: String, position: Int, effectAllele: String, otherAllele: String,
                    weight: Double, effectAlleleFrequency: Double) {
            self.id = id
            self.chromosome = chromosome
            self.position = position
            self.effectAllele = effectAllele
            self.otherAllele = otherAllele
            self.weight = weight
            self.effectAlleleFrequency = effectAlleleFrequency
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, version, description, method, variants, reference
        case clumpingThresholding = "clumping_thresholding"
        case penalized, ancestry, provenance, checksum
    }

    /// Creates a model (format and version set to the current ones).
    public init(description: String?, method: String, variants: [Variant], reference: ScoreDistribution,
                clumpingThresholding: ClumpingThresholdingSummary? = nil, provenance: PolygenicScoreProvenance) {
        format = Self.formatName
        version = Self.currentVersion
        self.description = description
        self.method = method
        self.variants = variants
        self.reference = reference
        self.clumpingThresholding = clumpingThresholding
        self.provenance = provenance
        checksum = nil
    }
}

extension PolygenicScoreModel: ChecksummedDocument {
    /// Used in file error messages.
    public static let documentKind = "PRS model"

    /// Checks that every weight and frequency is a finite number and the reference has quantiles.
    public func validateShape(name: String) throws {
        guard !variants.isEmpty else { throw DataError(file: name, "the PRS model has no variants") }
        for v in variants where !(v.weight.isFinite && (0...1).contains(v.effectAlleleFrequency)) {
            throw DataError(file: name, column: v.id, "weight or effect-allele frequency out of range")
        }
        guard reference.distribution.quantiles.count >= 2 else {
            throw DataError(file: name, "the PRS model's reference distribution is empty")
        }
    }
}
