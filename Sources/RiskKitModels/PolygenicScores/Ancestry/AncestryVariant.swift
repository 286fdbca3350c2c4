
/// One variant of an ancestry PCA: what a new fileset must match (ID and alleles) and how its dosage is standardized.
public struct AncestryVariant: Codable, Sendable, Equatable {
    /// Variant ID (`.bim` column 2), the key new filesets are matched on.
    public var id: String
    /// The counted allele (A1) whose dosage the loadings apply to.
    public var allele1: String
    /// The other allele (A2).
    public var allele2: String
    /// A1 frequency p over the reference samples with a call: dosages are centred by 2p and scaled by 1/√(2p(1−p)).
    public var allele1Frequency: Double

    /// Creates the record.
    public init(id: String, allele1: String, allele2: String, allele1Frequency: Double) {
        self.id = id
        self.allele1 = allele1
        self.allele2 = allele2
        self.allele1Frequency = allele1Frequency
    }
}
